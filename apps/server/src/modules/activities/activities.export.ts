import { type SheetSpec, shanghaiDateTime } from '../../lib/documents/excel';
import type { ActivityService } from './activities.service';

type ExportRow = Awaited<ReturnType<ActivityService['exportRows']>>[number];

/** The staff activity list as one sheet: Chinese headers and labels, times in Asia/Shanghai. */
export function activitySheet(rows: ExportRow[]): SheetSpec {
  return {
    name: '志愿服务活动',
    columns: [
      { header: '活动名称', key: 'title', width: 30 },
      { header: '发布组织', key: 'organizationName', width: 26 },
      { header: '服务类别', key: 'categoryLabel', width: 10 },
      { header: '所属街道', key: 'streetName', width: 16 },
      { header: '所属社区', key: 'communityName', width: 20 },
      { header: '活动地点', key: 'place', width: 26 },
      { header: '开始时间', key: 'starts', width: 17 },
      { header: '结束时间', key: 'ends', width: 17 },
      { header: '报名截止', key: 'signupCloses', width: 17 },
      { header: '招募人数', key: 'wanted', width: 9 },
      { header: '已录用', key: 'approved', width: 8 },
      { header: '待审核', key: 'pending', width: 8 },
      { header: '候补', key: 'waitlisted', width: 6 },
      { header: '状态', key: 'statusLabel', width: 8 },
      { header: '难度系数', key: 'coefficient', width: 9 },
      { header: '发布时间', key: 'published', width: 17 },
    ],
    rows: rows.map((r) => ({
      ...r,
      streetName: r.streetName ?? '',
      communityName: r.communityName ?? '',
      starts: shanghaiDateTime(r.startsAt),
      ends: shanghaiDateTime(r.endsAt),
      signupCloses: shanghaiDateTime(r.signupClosesAt),
      published: shanghaiDateTime(r.publishedAt),
      approved: r.counts.approved,
      pending: r.counts.pending,
      waitlisted: r.counts.waitlisted,
    })),
  };
}
