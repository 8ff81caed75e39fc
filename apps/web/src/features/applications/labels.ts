import { formatDate } from '../../lib/format';
import { exitKindLabels } from '../../lib/labels';

/** Chinese labels of application form fields (备案申请表 and the change/exit forms). */
export const formFieldLabels: Record<string, string> = {
  name: '组织名称',
  categoryName: '类别',
  category: '类别',
  businessScope: '业务范围',
  venue: '活动场所',
  foundedOn: '成立日期',
  leaderName: '负责人姓名',
  leaderIdMasked: '负责人身份证号',
  leaderIdNumber: '负责人身份证号',
  leaderPhoneMasked: '负责人电话',
  leaderPhone: '负责人电话',
  memberCount: '成员人数',
  contactName: '联系人',
  contactPhoneMasked: '联系电话',
  contactPhone: '联系电话',
  charter: '简易章程',
  note: '说明',
  kind: '退出方式',
  kindLabel: '退出方式',
  reason: '原因',
  uscc: '统一社会信用代码',
  communityName: '所属社区',
  streetName: '所属街道',
  filingNumber: '备案编号',
};

/** Fields never shown raw: internal codes shadowed by a label field, or unmasked PII. */
const HIDDEN = new Set([
  'category',
  'leaderIdNumber',
  'leaderPhone',
  'contactPhone',
  'kindLabel',
  'regionCode',
]);

export const LONG_FIELDS = new Set(['businessScope', 'charter', 'venue', 'note', 'reason']);

/** The order of the printed 备案申请表. */
const ORDER = [
  'name',
  'categoryName',
  'foundedOn',
  'memberCount',
  'leaderName',
  'leaderIdMasked',
  'leaderPhoneMasked',
  'contactName',
  'contactPhoneMasked',
  'venue',
  'businessScope',
  'charter',
  'kind',
  'reason',
  'changes',
  'note',
];
const rank = (k: string) => {
  const i = ORDER.indexOf(k);
  return i < 0 ? ORDER.length - 1 : i;
};

export function formEntries(form: Record<string, unknown>): { key: string; label: string; value: string }[] {
  const out: { key: string; label: string; value: string }[] = [];
  const keys = Object.keys(form).sort((a, b) => rank(a) - rank(b));
  const push = (key: string, label: string, v: unknown) => {
    if (v === undefined || v === null || v === '') return;
    let value: string;
    if (typeof v === 'boolean') value = v ? '是' : '否';
    else if (key === 'kind') value = exitKindLabels[String(v)] ?? String(form.kindLabel ?? v);
    else if (key === 'foundedOn') value = formatDate(String(v));
    else if (typeof v === 'object') value = JSON.stringify(v);
    else value = String(v);
    out.push({ key, label, value });
  };
  for (const k of keys) {
    const v = form[k];
    // a change application's before/after is shown as a comparison table (ChangeTable)
    if (k === 'changes' || k === 'before') continue;
    if (HIDDEN.has(k)) continue;
    push(k, formFieldLabels[k] ?? k, v);
  }
  return out;
}

export const attachmentPurposes: Record<string, string> = {
  charter: '章程',
  id_copy: '负责人身份证明',
  venue_proof: '场所证明',
  member_list: '成员名单',
  other: '其他材料',
};

const PII_PAIRS: Record<string, string> = {
  leaderIdNumber: 'leaderIdMasked',
  leaderPhone: 'leaderPhoneMasked',
};

/** Rows of a change application: field, what is on file, what is asked for. */
export function changeRows(
  form: Record<string, unknown>,
): { key: string; label: string; before: string; after: string }[] {
  const changes = (form.changes ?? {}) as Record<string, unknown>;
  const before = (form.before ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));
  return Object.entries(changes)
    .filter(([k]) => !(k in PII_PAIRS && `${PII_PAIRS[k]}` in changes))
    .map(([k, v]) => {
      const beforeKey = PII_PAIRS[k] ?? k;
      const afterValue = k in PII_PAIRS ? (changes[PII_PAIRS[k]] ?? '（已填写，已脱敏）') : v;
      return {
        key: k,
        label: formFieldLabels[k] ?? formFieldLabels[beforeKey] ?? k,
        before: text(before[beforeKey] ?? before[k]),
        after: text(afterValue),
      };
    });
}
