/**
 * Organization roster import: the spreadsheet a street keeps today ("台账"), one organization
 * per row, with Chinese headers. `buildOrgImportTemplate` writes the template, `parseOrgImport`
 * checks a filled-in file and returns clean rows or every problem with its Excel row and column.
 * Pure over its inputs: the caller supplies categories, communities and the names in use.
 */
import {
  isRealDate,
  type PartyStatus,
  partyStatuses,
  partyStatusLabels,
  type Tier,
  tierLabels,
  tiers,
  todayInShanghai,
  validateIdNumber,
  validateMobile,
  validatePhone,
  validateUscc,
} from '@linli/core';
import ExcelJS from 'exceljs';
import { readFirstSheet, styleHeaderRow, workbookBuffer } from './excel';

export const ORG_IMPORT_MAX_ROWS = 5000;
export const ORG_IMPORT_SHEET = '组织名册';
export const ORG_IMPORT_HELP_SHEET = '填写说明';
/** Hidden sheet holding the dropdown lists. */
const OPTIONS_SHEET = '选项';
/** A row whose first cell starts with this is the template's example and is skipped. */
export const EXAMPLE_PREFIX = '示例';

export type OrgImportKey =
  | 'name'
  | 'tier'
  | 'category'
  | 'community'
  | 'businessScope'
  | 'venue'
  | 'foundedOn'
  | 'leaderName'
  | 'leaderIdNumber'
  | 'leaderPhone'
  | 'contactName'
  | 'contactPhone'
  | 'uscc'
  | 'filingNumber'
  | 'isHub'
  | 'partyStatus'
  | 'memberCount';

export interface OrgImportColumn {
  key: OrgImportKey;
  /** The column name used in error messages, e.g. 组织名称. */
  label: string;
  /** The header cell in the template: the label, with * when required. */
  header: string;
  required: boolean;
  /** Cell format is text (keeps leading zeros and long digit strings intact). */
  text: boolean;
  width: number;
  help: string;
}

const col = (
  key: OrgImportKey,
  label: string,
  required: boolean,
  width: number,
  help: string,
  text = false,
): OrgImportColumn => ({ key, label, header: required ? `${label}*` : label, required, text, width, help });

/** The template's columns, in order. */
export const orgImportColumns: readonly OrgImportColumn[] = [
  col('name', '组织名称', true, 32, '组织全称；同一街道内不能与已有组织重名'),
  col('tier', '组织层级', true, 14, '社区活动小组、备案类、登记类 三选一'),
  col('category', '组织类别', true, 14, '填写组织类别名称，见下方“组织类别”'),
  col('community', '所属社区', true, 18, '填写社区名称或12位社区代码，见下方“社区”', true),
  col('businessScope', '业务范围', false, 36, '主要开展的活动和服务'),
  col('venue', '活动场所', false, 24, '日常活动地点'),
  col('foundedOn', '成立日期', false, 12, '如 2024-03-01 或 2024/3/1'),
  col('leaderName', '负责人姓名', true, 12, '负责人的真实姓名'),
  col('leaderIdNumber', '负责人身份证号', false, 22, '18位居民身份证号码', true),
  col('leaderPhone', '负责人手机号', false, 15, '11位手机号码', true),
  col('contactName', '联系人', false, 10, '日常联系人，可与负责人相同'),
  col('contactPhone', '联系电话', false, 16, '手机号或带区号的固定电话，如 0755-12345678', true),
  col('uscc', '统一社会信用代码', false, 22, '登记类必填（18位）；其他层级不填', true),
  col('filingNumber', '备案编号', false, 24, '备案类已有备案证书的填写证书编号；其他层级不填', true),
  col('isHub', '是否枢纽型组织', false, 10, '是 或 否，不填视为否'),
  col('partyStatus', '党组织情况', false, 14, '未建立、有党员、已建立党组织、联合党支部；不填视为未建立'),
  col('memberCount', '成员人数', false, 10, '整数，不填视为0'),
];

const columnByKey = Object.fromEntries(orgImportColumns.map((c) => [c.key, c])) as Record<
  OrgImportKey,
  OrgImportColumn
>;

export interface ParsedOrgRow {
  rowNumber: number;
  name: string;
  tier: Tier;
  /** category code */
  category: string;
  /** 12-digit community code */
  regionCode: string;
  /** 9-digit street code */
  streetCode: string;
  businessScope: string;
  venue: string;
  foundedOn: string | null;
  leaderName: string;
  leaderIdNumber: string | null;
  leaderPhone: string | null;
  contactName: string;
  contactPhone: string | null;
  uscc: string | null;
  filingNumber: string | null;
  isHub: boolean;
  partyStatus: PartyStatus;
  memberCount: number;
}

export interface OrgImportError {
  /** Excel row number (the header is row 1). */
  row: number;
  /** Column label as in {@link orgImportColumns} (without *); '' for a problem with the whole file. */
  column: string;
  message: string;
}

export interface OrgImportResult {
  /** Rows without any error, in file order. Import them only when `errors` is empty. */
  rows: ParsedOrgRow[];
  errors: OrgImportError[];
}

export interface OrgImportContext {
  /** Categories of the active scheme. */
  categories: { code: string; name: string }[];
  /** Communities the importing user may import into. */
  communities: { code: string; name: string; streetCode: string }[];
  /** `${streetCode}|${name}` of live (not exited) organizations. */
  existingNames: Set<string>;
  /** Unified social credit codes already held by organizations (optional). */
  existingUsccs?: Set<string>;
  /** Filing numbers already held by organizations (optional). */
  existingFilingNumbers?: Set<string>;
  /** Today as YYYY-MM-DD for "not in the future" checks; defaults to today in Asia/Shanghai. */
  today?: string;
}

export interface OrgTemplateContext {
  categories: { code: string; name: string }[];
  communities: { code: string; name: string }[];
}

// ---------------------------------------------------------------------------------------
// Template

const EXAMPLE_ROW: Record<OrgImportKey, string | number> = {
  name: `${EXAMPLE_PREFIX}：夕阳红合唱团（此行为示例，导入时自动跳过）`,
  tier: tierLabels.filed,
  category: '',
  community: '',
  businessScope: '组织老年居民开展合唱排练和社区演出',
  venue: '社区党群服务中心二楼活动室',
  foundedOn: '2024-03-01',
  leaderName: '张明',
  leaderIdNumber: '11010519491231002X',
  leaderPhone: '13800138000',
  contactName: '李华',
  contactPhone: '0755-12345678',
  uscc: '',
  filingNumber: '',
  isHub: '否',
  partyStatus: partyStatusLabels.members,
  memberCount: 25,
};

/** Last data row that carries dropdowns and text formats. */
const TEMPLATE_ROWS = ORG_IMPORT_MAX_ROWS + 1;

function colLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface DataValidationsApi {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

function dataValidations(ws: ExcelJS.Worksheet): DataValidationsApi {
  // ExcelJS supports range validations at run time but does not declare the property.
  return (ws as unknown as { dataValidations: DataValidationsApi }).dataValidations;
}

/** The import template: the roster sheet (headers, one example row, dropdowns) and instructions. */
export async function buildOrgImportTemplate(ctx: OrgTemplateContext): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();

  const ws = wb.addWorksheet(ORG_IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = wb.addWorksheet(ORG_IMPORT_HELP_SHEET);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });

  // Roster sheet.
  ws.columns = orgImportColumns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeaderRow(ws, orgImportColumns.length);
  orgImportColumns.forEach((c, i) => {
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
    if (c.text) ws.getColumn(i + 1).numFmt = '@';
  });
  const example = ws.addRow({
    ...EXAMPLE_ROW,
    category: ctx.categories[0]?.name ?? '',
    community: ctx.communities[0]?.name ?? '',
  });
  example.font = { italic: true, color: { argb: 'FF8C8C8C' } };

  // Dropdown lists live in a hidden sheet so they are not limited to 255 characters.
  const lists: { key: OrgImportKey; values: string[]; strict: boolean }[] = [
    { key: 'tier', values: tiers.map((t) => tierLabels[t]), strict: true },
    { key: 'category', values: ctx.categories.map((c) => c.name), strict: true },
    // Not strict: a 12-digit community code is accepted too.
    { key: 'community', values: ctx.communities.map((c) => c.name), strict: false },
    { key: 'isHub', values: ['是', '否'], strict: true },
    { key: 'partyStatus', values: partyStatuses.map((p) => partyStatusLabels[p]), strict: true },
  ];
  lists.forEach((list, i) => {
    const letter = colLetter(i + 1);
    const column = columnByKey[list.key];
    options.getCell(`${letter}1`).value = column.label;
    list.values.forEach((v, j) => {
      options.getCell(`${letter}${j + 2}`).value = v;
    });
    if (list.values.length === 0) return;
    const target = colLetter(orgImportColumns.indexOf(column) + 1);
    dataValidations(ws).add(`${target}2:${target}${TEMPLATE_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${list.values.length + 1}`],
      showErrorMessage: list.strict,
      errorStyle: 'stop',
      errorTitle: '取值不正确',
      error: `请从下拉列表中选择${column.label}`,
    });
  });

  // Instructions sheet.
  help.columns = [
    { key: 'a', width: 22 },
    { key: 'b', width: 12 },
    { key: 'c', width: 70 },
  ];
  const title = help.addRow(['社区社会组织名册导入说明']);
  title.font = { bold: true, size: 14 };
  help.addRow([]);
  const notes = [
    `1. 在“${ORG_IMPORT_SHEET}”工作表中从第3行起每行填写一个组织；第1行表头请勿修改、删除或调整顺序。`,
    `2. 第2行为示例（组织名称以“${EXAMPLE_PREFIX}”开头），导入时自动跳过，可以保留或删除。`,
    '3. 带 * 的列为必填；登记类组织必须填写统一社会信用代码。',
    `4. 一次最多导入 ${ORG_IMPORT_MAX_ROWS} 行；文件中有任何错误时不会导入任何数据，请按错误提示修改后重新上传。`,
    '5. 身份证号、手机号、信用代码等请以文本格式填写，避免被 Excel 改成科学计数法。',
    '6. 日期可填写 2024-03-01、2024/3/1 或 Excel 日期格式。',
  ];
  for (const n of notes) help.addRow([n]);
  help.addRow([]);

  const section = (text: string) => {
    help.addRow([]);
    const r = help.addRow([text]);
    r.font = { bold: true, size: 12 };
  };
  const tableHeader = (values: string[]) => {
    const r = help.addRow(values);
    r.font = { bold: true };
    r.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    });
  };

  section('各列说明');
  tableHeader(['列名', '是否必填', '填写要求']);
  for (const c of orgImportColumns) help.addRow([c.label, c.required ? '必填' : '选填', c.help]);

  section('组织层级');
  tableHeader(['名称', '', '说明']);
  help.addRow([tierLabels.group, '', '尚未备案的社区活动小组，由社区建立台账']);
  help.addRow([tierLabels.filed, '', '已在街道办事处备案的社区社会组织']);
  help.addRow([tierLabels.registered, '', '已在民政部门登记的社会组织，须填写统一社会信用代码']);

  section('组织类别');
  tableHeader(['名称', '代码', '']);
  for (const c of ctx.categories) help.addRow([c.name, c.code]);

  section('社区');
  tableHeader(['名称', '12位代码', '']);
  for (const c of ctx.communities) help.addRow([c.name, c.code]);

  section('党组织情况');
  tableHeader(['名称', '', '']);
  for (const p of partyStatuses) help.addRow([partyStatusLabels[p]]);

  help.getColumn(2).numFmt = '@';
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  return workbookBuffer(wb);
}

// ---------------------------------------------------------------------------------------
// Parsing

/** Header text compared loosely: no spaces, no * markers. */
function normHeader(h: string): string {
  return h.replace(/[\s*＊]/g, '');
}

/** Community names compared without the committee suffix: 海滨社区居委会 = 海滨社区. */
function normCommunity(name: string): string {
  return name.replace(/\s/g, '').replace(/(居民委员会|村民委员会|居委会|村委会)$/, '');
}

/** Category names compared without a trailing 类: 公益慈善 = 公益慈善类. */
function normCategory(name: string): string {
  return name.replace(/\s/g, '').replace(/类$/, '');
}

const TIER_ALIASES: Record<string, Tier> = {
  社区活动小组: 'group',
  活动小组: 'group',
  备案类: 'filed',
  备案: 'filed',
  登记类: 'registered',
  登记: 'registered',
};

/** A tier as the subject of a sentence. */
const TIER_NOUNS: Record<Tier, string> = {
  group: tierLabels.group,
  filed: `${tierLabels.filed}组织`,
  registered: `${tierLabels.registered}组织`,
};

const PARTY_BY_LABEL = new Map<string, PartyStatus>(partyStatuses.map((p) => [partyStatusLabels[p], p]));

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0']);

const MAX_LEN: Partial<Record<OrgImportKey, number>> = {
  name: 100,
  businessScope: 2000,
  venue: 200,
  leaderName: 50,
  contactName: 50,
  filingNumber: 50,
};

/** Excel's day 0 (serial 1 = 1900-01-01, with the 1900 leap-year bug) as a UTC timestamp. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell as YYYY-MM-DD: accepts 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日 and a raw
 * Excel serial (5 digits). Null when not a real date.
 */
export function parseImportDate(text: string): string | null {
  const s = text.trim();
  if (/^\d{5}$/.test(s)) {
    return new Date(EXCEL_EPOCH + Number(s) * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(y, mo, d)) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Checks a filled-in roster. Never throws for bad content; a non-xlsx file is a SpreadsheetError. */
export async function parseOrgImport(buf: Buffer, ctx: OrgImportContext): Promise<OrgImportResult> {
  const sheet = await readFirstSheet(buf);
  const errors: OrgImportError[] = [];

  // Header: every template column must be there (order may differ).
  const headerIndex = new Map<string, string>(); // normalized label -> header text in the file
  for (const h of sheet.headers) if (h && !headerIndex.has(normHeader(h))) headerIndex.set(normHeader(h), h);
  const missing = orgImportColumns.filter((c) => !headerIndex.has(normHeader(c.label)));
  if (missing.length > 0) {
    const names = missing.map((c) => c.label).join('、');
    return {
      rows: [],
      errors: [
        {
          row: 1,
          column: missing.map((c) => c.label).join('、'),
          message:
            missing.length === orgImportColumns.length
              ? '未找到表头，请使用下载的导入模板，并保留第1行表头'
              : `表头缺少以下列：${names}。请使用下载的导入模板，不要修改第1行表头`,
        },
      ],
    };
  }
  const fileHeader = Object.fromEntries(
    orgImportColumns.map((c) => [c.key, headerIndex.get(normHeader(c.label)) ?? c.header]),
  ) as Record<OrgImportKey, string>;

  const firstHeader = sheet.headers[0] ?? '';
  const dataRows = sheet.rows.filter((r) => !(r.values[firstHeader] ?? '').startsWith(EXAMPLE_PREFIX));
  if (dataRows.length === 0) {
    return { rows: [], errors: [{ row: 2, column: '', message: '文件中没有要导入的数据行' }] };
  }
  if (dataRows.length > ORG_IMPORT_MAX_ROWS) {
    return {
      rows: [],
      errors: [
        {
          row: dataRows[ORG_IMPORT_MAX_ROWS].rowNumber,
          column: '',
          message: `一次最多导入${ORG_IMPORT_MAX_ROWS}行，本文件有${dataRows.length}行数据，请分批导入`,
        },
      ],
    };
  }

  // Lookups.
  const categoryByName = new Map<string, string>();
  const categoryCodes = new Set<string>();
  for (const c of ctx.categories) {
    categoryByName.set(c.name.trim(), c.code);
    categoryCodes.add(c.code);
  }
  const categoryByLoose = groupUnique(ctx.categories, (c) => normCategory(c.name));
  const communityByCode = new Map(ctx.communities.map((c) => [c.code, c]));
  const communitiesByName = groupBy(ctx.communities, (c) => c.name.trim());
  const communitiesByLoose = groupBy(ctx.communities, (c) => normCommunity(c.name));
  const today = ctx.today ?? todayInShanghai(new Date());

  const seenNames = new Map<string, number>(); // streetCode|name -> first row
  const seenUscc = new Map<string, number>();
  const seenFiling = new Map<string, number>();
  const rows: ParsedOrgRow[] = [];

  for (const { rowNumber, values } of dataRows) {
    const rowErrors: OrgImportError[] = [];
    const err = (key: OrgImportKey, message: string) =>
      rowErrors.push({ row: rowNumber, column: columnByKey[key].label, message });
    const get = (key: OrgImportKey) => (values[fileHeader[key]] ?? '').trim();

    // Required and length checks.
    for (const c of orgImportColumns) {
      const v = get(c.key);
      if (c.required && !v) err(c.key, `${c.label}不能为空`);
      const max = MAX_LEN[c.key];
      if (max && [...v].length > max) err(c.key, `${c.label}不能超过${max}个字`);
    }

    const name = get('name').replace(/\s+/g, ' ');

    // Tier.
    const tierText = get('tier');
    let tier: Tier | null = null;
    if (tierText) {
      tier = TIER_ALIASES[tierText.replace(/\s/g, '')] ?? null;
      if (!tier) err('tier', `组织层级“${tierText}”不正确，应为社区活动小组、备案类或登记类`);
    }

    // Category: name (loosely), or the code.
    const categoryText = get('category');
    let category: string | null = null;
    if (categoryText) {
      category =
        categoryByName.get(categoryText) ??
        categoryByLoose.get(normCategory(categoryText))?.code ??
        (categoryCodes.has(categoryText) ? categoryText : null);
      if (!category) {
        err(
          'category',
          `组织类别“${categoryText}”不存在，可选：${ctx.categories.map((c) => c.name).join('、')}`,
        );
      }
    }

    // Community: 12-digit code or name.
    const communityText = get('community');
    let community: OrgImportContext['communities'][number] | null = null;
    if (communityText) {
      if (/^\d{12}$/.test(communityText)) {
        community = communityByCode.get(communityText) ?? null;
        if (!community) err('community', `社区代码“${communityText}”不存在或不在您的管辖范围内`);
      } else {
        const exact = communitiesByName.get(communityText) ?? [];
        const loose = exact.length > 0 ? exact : (communitiesByLoose.get(normCommunity(communityText)) ?? []);
        if (loose.length === 1) community = loose[0];
        else if (loose.length > 1) {
          err('community', `社区名称“${communityText}”对应多个社区，请改填12位社区代码`);
        } else err('community', `社区“${communityText}”不存在或不在您的管辖范围内`);
      }
    }

    // Founded on.
    const foundedText = get('foundedOn');
    let foundedOn: string | null = null;
    if (foundedText) {
      foundedOn = parseImportDate(foundedText);
      if (!foundedOn)
        err('foundedOn', `成立日期“${foundedText}”不正确，应为 2024-03-01 或 2024/3/1 格式的有效日期`);
      else if (foundedOn > today) err('foundedOn', '成立日期不能晚于今天');
      else if (foundedOn < '1949-10-01') err('foundedOn', '成立日期不正确');
    }

    // Leader identity and phones.
    const idText = get('leaderIdNumber');
    let leaderIdNumber: string | null = null;
    if (idText) {
      const r = validateIdNumber(idText, { today });
      if (r.ok) leaderIdNumber = r.normalized;
      else err('leaderIdNumber', r.message);
    }
    const leaderPhoneText = get('leaderPhone');
    let leaderPhone: string | null = null;
    if (leaderPhoneText) {
      const r = validateMobile(leaderPhoneText);
      if (r.ok) leaderPhone = r.normalized;
      else err('leaderPhone', r.message);
    }
    const contactPhoneText = get('contactPhone');
    let contactPhone: string | null = null;
    if (contactPhoneText) {
      const r = validatePhone(contactPhoneText);
      if (r.ok) contactPhone = r.normalized;
      else err('contactPhone', r.message);
    }

    // USCC: required for registered organizations, meaningless for the others.
    const usccText = get('uscc');
    let uscc: string | null = null;
    if (tier === 'registered' && !usccText) err('uscc', '登记类组织必须填写统一社会信用代码');
    if (usccText) {
      if (tier && tier !== 'registered') {
        err('uscc', `${TIER_NOUNS[tier]}不填写统一社会信用代码（仅登记类填写）`);
      } else {
        const r = validateUscc(usccText);
        if (!r.ok) err('uscc', r.message);
        else {
          uscc = r.normalized;
          const first = seenUscc.get(uscc);
          if (first !== undefined) err('uscc', `统一社会信用代码与第${first}行重复`);
          else if (ctx.existingUsccs?.has(uscc)) err('uscc', `统一社会信用代码${uscc}已被其他组织使用`);
          else seenUscc.set(uscc, rowNumber);
        }
      }
    }

    // Filing number: only for filed organizations.
    const filingText = get('filingNumber');
    let filingNumber: string | null = null;
    if (filingText) {
      if (tier && tier !== 'filed') {
        err('filingNumber', `${TIER_NOUNS[tier]}不填写备案编号（仅备案类填写）`);
      } else {
        filingNumber = filingText;
        const first = seenFiling.get(filingText);
        if (first !== undefined) err('filingNumber', `备案编号与第${first}行重复`);
        else if (ctx.existingFilingNumbers?.has(filingText)) {
          err('filingNumber', `备案编号“${filingText}”已被其他组织使用`);
        } else seenFiling.set(filingText, rowNumber);
      }
    }

    // Hub, party status, member count.
    const hubText = get('isHub');
    let isHub = false;
    if (hubText) {
      const u = hubText.toUpperCase();
      if (YES.has(u)) isHub = true;
      else if (!NO.has(u)) err('isHub', `是否枢纽型组织应填写“是”或“否”，不能填写“${hubText}”`);
    }
    const partyText = get('partyStatus');
    let partyStatus: PartyStatus = 'none';
    if (partyText) {
      const p = PARTY_BY_LABEL.get(partyText.replace(/\s/g, ''));
      if (p) partyStatus = p;
      else {
        err(
          'partyStatus',
          `党组织情况“${partyText}”不正确，应为${partyStatuses.map((s) => partyStatusLabels[s]).join('、')}之一`,
        );
      }
    }
    const countText = get('memberCount');
    let memberCount = 0;
    if (countText) {
      if (/^\d{1,7}$/.test(countText)) memberCount = Number(countText);
      else err('memberCount', `成员人数应为不小于0的整数，不能填写“${countText}”`);
    }

    // Name uniqueness per street: within the file, then against live organizations.
    if (name && community) {
      const key = `${community.streetCode}|${name}`;
      const first = seenNames.get(key);
      if (first !== undefined) err('name', `组织名称与第${first}行重复（同一街道内组织名称不能相同）`);
      else {
        seenNames.set(key, rowNumber);
        if (ctx.existingNames.has(key)) err('name', `本街道已有名为“${name}”的组织`);
      }
    }

    if (rowErrors.length > 0 || !tier || !category || !community) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      rowNumber,
      name,
      tier,
      category,
      regionCode: community.code,
      streetCode: community.streetCode,
      businessScope: get('businessScope'),
      venue: get('venue'),
      foundedOn,
      leaderName: get('leaderName'),
      leaderIdNumber,
      leaderPhone,
      contactName: get('contactName'),
      contactPhone,
      uscc,
      filingNumber,
      isHub,
      partyStatus,
      memberCount,
    });
  }
  return { rows, errors };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Items by key, keeping only keys that one item has. */
function groupUnique<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const [k, list] of groupBy(items, key)) if (list.length === 1) map.set(k, list[0]);
  return map;
}

/** The template's header cells, in order (for callers that build files by hand). */
export const orgImportHeaders: readonly string[] = orgImportColumns.map((c) => c.header);
