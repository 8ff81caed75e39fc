import {
  areaTypeLabels,
  type OrgStatus,
  orgStatusLabels,
  type RegionLevel,
  regionLevelLabels,
  type Tier,
  tierLabels,
  tiers,
} from '@linli/core';
import type { SheetColumn, SheetSpec } from '../../lib/documents/excel';
import type { CoverageReport } from './dashboard.service';

const percent = (r: number) => `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
const yesNo = (b: boolean | null) => (b === null ? '—' : b ? '是' : '否');
const levelLabel = (level: number) => regionLevelLabels[level as RegionLevel] ?? String(level);

/** The coverage report as three sheets: 概览, 下级区域, 社区达标情况 (names first, codes in their own column). */
export function coverageSheets(r: CoverageReport, asOf: string): SheetSpec[] {
  const t = r.totals;
  const overview: { item: string; value: string | number }[] = [
    { item: '统计区域', value: r.region.path.map((p) => p.name).join(' / ') },
    { item: '区划代码', value: r.region.code },
    { item: '区域层级', value: levelLabel(r.region.level) },
    { item: '统计日期', value: asOf },
    { item: '分类方案', value: r.scheme.name },
    { item: '组织总数（不含已退出）', value: t.organizations },
    ...tiers.map((k: Tier) => ({ item: tierLabels[k], value: t.byTier[k] ?? 0 })),
    ...t.byCategory.map((c) => ({ item: `类别：${c.name}`, value: c.count })),
    ...(Object.keys(orgStatusLabels) as OrgStatus[]).map((s) => ({
      item: `状态：${orgStatusLabels[s]}`,
      value: t.byStatus[s] ?? 0,
    })),
    { item: '城市社区目标（个/社区）', value: r.targets.urban },
    { item: '农村社区目标（个/社区）', value: r.targets.rural },
    { item: '社区总数', value: t.communities },
    { item: '达标社区数', value: t.communitiesMeeting },
    { item: '未达标社区数', value: r.belowTarget },
    { item: '社区达标率', value: percent(t.ratio) },
    ...(t.communitiesFivePlusX === null ? [] : [{ item: '“5+X”达标社区数', value: t.communitiesFivePlusX }]),
    { item: '街道（乡镇）数', value: r.hub.streets },
    { item: '有枢纽型组织的街道数', value: r.hub.streetsWithHub },
    { item: '枢纽型组织街道覆盖率', value: percent(r.hub.ratio) },
    { item: '覆盖率目标', value: percent(r.hub.target) },
    { item: '是否达到覆盖率目标', value: yesNo(r.hub.meets) },
  ];

  const streetChildren = r.children.some((c) => c.level === 4);
  const multiStreet = r.children.some((c) => c.streets !== undefined);
  const childColumns: SheetColumn[] = [
    { header: '名称', key: 'name', width: 22 },
    { header: '区划代码', key: 'code', width: 15 },
    { header: '层级', key: 'levelLabel', width: 10 },
    { header: '组织数', key: 'organizations', width: 10 },
    { header: '社区数', key: 'communities', width: 10 },
    { header: '达标社区数', key: 'communitiesMeeting', width: 12 },
    { header: '未达标社区数', key: 'below', width: 12 },
    { header: '达标率', key: 'ratioText', width: 10 },
    ...(multiStreet
      ? [
          { header: '街道数', key: 'streets', width: 10 },
          { header: '有枢纽型组织的街道数', key: 'hubStreets', width: 20 },
        ]
      : streetChildren
        ? [{ header: '有枢纽型组织', key: 'hub', width: 14 }]
        : []),
  ];
  const childRows = r.children.map((c) => ({
    ...c,
    levelLabel: levelLabel(c.level),
    below: c.communities - c.communitiesMeeting,
    ratioText: percent(c.ratio),
    hub: c.hubStreets === undefined ? '' : yesNo(c.hubStreets > 0),
  }));

  const categories = r.categories;
  const communityColumns: SheetColumn[] = [
    { header: '所属街道', key: 'streetName', width: 16 },
    { header: '社区名称', key: 'name', width: 22 },
    { header: '区划代码', key: 'code', width: 15 },
    { header: '社区类型', key: 'areaTypeLabel', width: 10 },
    { header: '组织数', key: 'count', width: 8 },
    { header: '目标', key: 'target', width: 8 },
    { header: '是否达标', key: 'meets', width: 10 },
    { header: '还差（个）', key: 'gap', width: 10 },
    ...categories.map((c) => ({
      header: c.name,
      key: `cat:${c.code}`,
      width: Math.max(8, c.name.length * 2 + 2),
    })),
    ...(r.scheme.fivePlusX
      ? [
          { header: '缺少的必备类别', key: 'missing', width: 30 },
          { header: '有特色类', key: 'distinctive', width: 10 },
          { header: '“5+X”达标', key: 'fivePlusX', width: 10 },
        ]
      : []),
    { header: '差距说明', key: 'lacksText', width: 50 },
  ];
  const communityRows = r.communities.map((c) => ({
    ...c,
    ...Object.fromEntries(categories.map((k) => [`cat:${k.code}`, c.byCategory[k.code] ?? 0])),
    areaTypeLabel: c.areaType ? areaTypeLabels[c.areaType] : '未知',
    meets: yesNo(c.meetsTarget),
    missing: c.missingRequired.join('、'),
    distinctive: yesNo(c.hasDistinctive),
    fivePlusX: yesNo(c.meetsFivePlusX),
    lacksText: c.lacks.join('；'),
  }));

  return [
    {
      name: '概览',
      columns: [
        { header: '指标', key: 'item', width: 28 },
        { header: '数值', key: 'value', width: 40 },
      ],
      rows: overview,
    },
    { name: '下级区域', columns: childColumns, rows: childRows },
    { name: '社区达标情况', columns: communityColumns, rows: communityRows },
  ];
}
