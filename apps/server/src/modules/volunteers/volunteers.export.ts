import {
  type StarConfig,
  serviceCategoryLabels,
  sexLabels,
  starLevelForMinutes,
  todayInShanghai,
  volunteerStatusLabels,
} from '@linli/core';
import type { SheetSpec } from '../../lib/documents/excel';
import type { VolunteerService } from './volunteers.service';

type ExportRow = Awaited<ReturnType<VolunteerService['exportRows']>>[number];

const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);

export const createdViaLabels: Readonly<Record<string, string>> = {
  self: '本人注册',
  staff: '工作人员登记',
  import: '批量导入',
};

/** Hours with at most two decimals (90 minutes → 1.5). */
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * The staff volunteer list as one sheet: Chinese headers and values, ID and phone numbers only
 * as their stored masks (the export never reveals them), interests by their category names.
 */
export function volunteerSheet(rows: ExportRow[], stars: StarConfig): SheetSpec {
  return {
    name: '志愿者',
    columns: [
      { header: '志愿者编号', key: 'volunteerNumber', width: 22 },
      { header: '姓名', key: 'realName', width: 12 },
      { header: '性别', key: 'sex', width: 6 },
      { header: '身份证号（脱敏）', key: 'idNumberMasked', width: 22 },
      { header: '手机号（脱敏）', key: 'phoneMasked', width: 14 },
      { header: '所属街道', key: 'streetName', width: 16 },
      { header: '所属社区', key: 'communityName', width: 20 },
      { header: '技能', key: 'skills', width: 24 },
      { header: '服务意向', key: 'interests', width: 24 },
      { header: '累计服务时长（小时）', key: 'hours', width: 12 },
      { header: stars.basis === 'year' ? '星级（本年度）' : '星级', key: 'star', width: 10 },
      { header: '状态', key: 'status', width: 8 },
      { header: '登记方式', key: 'createdVia', width: 14 },
      { header: '注册日期', key: 'registeredOn', width: 12 },
    ],
    rows: rows.map((r) => ({
      volunteerNumber: r.volunteerNumber,
      realName: r.realName,
      sex: label(sexLabels, r.sex),
      idNumberMasked: r.idNumberMasked,
      phoneMasked: r.phoneMasked,
      streetName: r.streetName ?? '',
      communityName: r.communityName ?? '',
      skills: r.skills.join('、'),
      interests: r.interests.map((c) => label(serviceCategoryLabels, c)).join('、'),
      hours: hours(r.minutes),
      star: starLevelForMinutes(r.starMinutes, stars).label,
      status: label(volunteerStatusLabels, r.status),
      createdVia: label(createdViaLabels, r.createdVia),
      registeredOn: todayInShanghai(r.createdAt),
    })),
  };
}
