import { formatShare, type RegionLevel, regionLevelLabels } from '@linli/core';
import type { SheetSpec } from '../../lib/documents/excel';
import type { VolunteerStats } from './volunteerStats.service';

const yesNo = (b: boolean | null) => (b === null ? '人口未知' : b ? '是' : '否');
const orDash = (v: number | null) => (v === null ? '—' : v);

/** The volunteer dashboard as six sheets: 概览, 下级区域, 月度时长, 类别, 星级, 团队. */
export function volunteerStatsSheets(s: VolunteerStats): SheetSpec[] {
  const t = s.totals;
  const overview = [
    { item: '统计区域', value: s.region.path.map((p) => p.name).join(' / ') },
    { item: '区划代码', value: s.region.code },
    { item: '区域层级', value: regionLevelLabels[s.region.level as RegionLevel] ?? String(s.region.level) },
    { item: '统计日期', value: s.asOf },
    { item: '常住人口', value: orDash(t.population) },
    { item: '注册志愿者（在册）', value: t.volunteers },
    { item: '志愿者占常住人口比例', value: t.volunteerRatio.text },
    { item: '目标比例', value: s.targets.volunteerRatioText },
    { item: '是否达标（志愿者）', value: yesNo(t.volunteerRatio.meets) },
    { item: '还差志愿者（人）', value: orDash(t.volunteerRatio.gap) },
    { item: '志愿服务组织数', value: t.volunteerOrganizations },
    { item: '志愿服务组织占常住人口比例', value: t.orgPerResident.text },
    { item: '目标比例（组织）', value: s.targets.orgPerResidentText },
    { item: '每万人志愿服务组织数', value: orDash(t.orgsPer10k) },
    { item: '是否达标（组织）', value: yesNo(t.orgPerResident.meets) },
    { item: '还差组织（个）', value: orDash(t.orgPerResident.gap) },
    { item: `${s.year}年服务时长（小时）`, value: t.hoursThisYear },
    { item: `${s.year}年服务记录数`, value: t.recordsThisYear },
    { item: '志愿服务组织口径', value: '未退出且有在用志愿服务队或已发布志愿服务活动的组织' },
  ];
  return [
    {
      name: '概览',
      columns: [
        { header: '指标', key: 'item', width: 30 },
        { header: '数值', key: 'value', width: 44 },
      ],
      rows: overview,
    },
    {
      name: '下级区域',
      columns: [
        { header: '名称', key: 'name', width: 22 },
        { header: '区划代码', key: 'code', width: 15 },
        { header: '常住人口', key: 'population', width: 12 },
        { header: '注册志愿者', key: 'volunteers', width: 12 },
        { header: '志愿者比例', key: 'volunteerRatioText', width: 12 },
        { header: '志愿者达标', key: 'volunteerMeetsText', width: 12 },
        { header: '还差志愿者', key: 'volunteerGap', width: 12 },
        { header: '志愿服务组织', key: 'volunteerOrganizations', width: 14 },
        { header: '组织比例', key: 'orgRatioText', width: 12 },
        { header: '组织达标', key: 'orgMeetsText', width: 10 },
        { header: '还差组织', key: 'orgGap', width: 10 },
        { header: `${s.year}年服务时长（小时）`, key: 'hoursThisYear', width: 20 },
        { header: `${s.year}年服务记录数`, key: 'recordsThisYear', width: 16 },
      ],
      rows: s.children.map((c) => ({
        ...c,
        population: orDash(c.population),
        volunteerMeetsText: yesNo(c.volunteerMeets),
        volunteerGap: orDash(c.volunteerGap),
        orgMeetsText: yesNo(c.orgMeets),
        orgGap: orDash(c.orgGap),
      })),
    },
    {
      name: '月度时长',
      columns: [
        { header: '月份', key: 'month', width: 10 },
        { header: '服务时长（小时）', key: 'hours', width: 16 },
        { header: '服务记录数', key: 'records', width: 12 },
      ],
      rows: s.months,
    },
    {
      name: '类别',
      columns: [
        { header: '服务类别', key: 'label', width: 14 },
        { header: `${s.year}年服务时长（小时）`, key: 'hours', width: 20 },
        { header: '服务记录数', key: 'records', width: 12 },
      ],
      rows: s.categories,
    },
    {
      name: '星级',
      columns: [
        { header: '星级', key: 'label', width: 10 },
        { header: '门槛（小时）', key: 'threshold', width: 12 },
        { header: '志愿者人数', key: 'count', width: 12 },
        { header: '占比', key: 'share', width: 10 },
      ],
      rows: s.stars.levels.map((l) => ({
        ...l,
        threshold: l.level === 0 ? `< ${s.stars.thresholds[0]}` : s.stars.thresholds[l.level - 1],
        share: formatShare(t.volunteers ? l.count / t.volunteers : null),
      })),
    },
    {
      name: '团队',
      columns: [
        { header: '排名', key: 'rank', width: 6 },
        { header: '服务队', key: 'name', width: 24 },
        { header: '所属组织', key: 'organizationName', width: 28 },
        { header: '成员数', key: 'members', width: 8 },
        { header: `${s.year}年服务时长（小时）`, key: 'hours', width: 20 },
      ],
      rows: s.topTeams.map((tm, i) => ({ ...tm, rank: i + 1 })),
    },
  ];
}
