import { PassThrough } from 'node:stream';
import {
  type Permission,
  prefixRange,
  regionLevel,
  rolePermissions,
  type ServiceCategory,
  serviceCategoryLabels,
} from '@linli/core';
import ExcelJS from 'exceljs';
import type { AppDeps } from '../../app';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeRanges } from '../../lib/authz/scope';
import { forbidden, notFound, unprocessable } from '../../lib/errors';

/**
 * Service records in the columns of the national volunteer information system's batch import
 * (全国志愿服务信息系统 服务时长批量导入): one row per valid record. Rows are read in keyset
 * pages and written with ExcelJS's streaming writer, so memory stays flat for millions of rows.
 */
export const NATIONAL_COLUMNS = [
  { header: '志愿者姓名', width: 12 },
  { header: '证件类型', width: 12 },
  { header: '证件号码', width: 22 },
  { header: '志愿者编号', width: 22 },
  { header: '活动名称', width: 30 },
  { header: '服务内容', width: 40 },
  { header: '服务类别', width: 12 },
  { header: '服务开始时间', width: 18 },
  { header: '服务结束时间', width: 18 },
  { header: '服务时长（小时）', width: 16 },
  { header: '服务地点', width: 28 },
  { header: '记录单位', width: 28 },
  { header: '记录人', width: 12 },
  { header: '记录时间', width: 18 },
  { header: '时长来源', width: 10 },
] as const;

const PAGE = 2000;

type Row = {
  id: string;
  serviceDate: string;
  realName: string;
  idNumberMasked: string;
  idNumberEnc: string;
  volunteerNumber: string;
  title: string;
  content: string;
  category: string;
  startedAt: string;
  endedAt: string;
  minutes: number;
  place: string;
  organization: string;
  recorderName: string;
  recordedAt: string;
  source: string;
};

/** The export's scope: a region subtree, an organization leader's organizations, or everything (admin). */
export type ExportScope = {
  regionCode: string | null;
  range: [string, string] | null;
  orgIds: string[] | null;
};

/** The broadest region where the actor holds `permission` through a region grant. */
function homeRegionFor(actor: Actor, permission: Permission): string | null {
  const grants = actor.grants
    .filter(
      (g) =>
        g.regionCode &&
        g.role !== 'org_leader' &&
        (rolePermissions[g.role] as readonly string[]).includes(permission),
    )
    .sort(
      (a, b) =>
        regionLevel(a.regionCode!) - regionLevel(b.regionCode!) || (a.regionCode! < b.regionCode! ? -1 : 1),
    );
  return grants[0]?.regionCode ?? null;
}

export function resolveExportScope(actor: Actor, regionCode?: string): ExportScope {
  if (regionCode) {
    if (!can(actor, 'volunteer.read', { regionCode })) throw notFound('行政区划');
    return { regionCode, range: prefixRange(regionCode), orgIds: null };
  }
  const home = homeRegionFor(actor, 'volunteer.read');
  if (home) return { regionCode: home, range: prefixRange(home), orgIds: null };
  const s = scopeRanges(actor, 'volunteer.read');
  if (s.all) return { regionCode: null, range: null, orgIds: null };
  if (s.orgIds.length) return { regionCode: null, range: null, orgIds: s.orgIds };
  throw notFound('行政区划');
}

/**
 * Starts the export: checks the reveal right (and audits it) before the first byte, then
 * streams the workbook. Returns the stream to send.
 */
export async function nationalExport(
  deps: Pick<AppDeps, 'database' | 'pii' | 'audit'>,
  actor: Actor,
  q: { from: string; to: string; regionCode?: string; reveal?: boolean },
  requestId?: string,
): Promise<{ stream: PassThrough; scope: ExportScope }> {
  const { database, pii, audit } = deps;
  if (q.from > q.to) throw unprocessable('开始日期不能晚于结束日期', { to: '结束日期不能早于开始日期' });
  const scope = resolveExportScope(actor, q.regionCode);
  if (q.reveal) {
    const allowed = scope.regionCode
      ? can(actor, 'pii.reveal', { regionCode: scope.regionCode })
      : scope.range === null && scope.orgIds === null && can(actor, 'pii.reveal');
    if (!allowed) throw forbidden('没有查看完整证件号码的权限，请导出脱敏版本');
    await database.db.transaction(async (tx) => {
      await audit.record(tx, {
        actor: auditActor(actor),
        action: 'service_records.national_export_revealed',
        entity: ['region', scope.regionCode ?? 'all'],
        regionCode: scope.regionCode,
        after: { from: q.from, to: q.to, regionCode: scope.regionCode, fields: ['idNumber'] },
        requestId,
      });
    });
  }

  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet('服务记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = NATIONAL_COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();

  const conds = [`r.status = 'valid'`, 'r.service_date between $1 and $2'];
  const params: unknown[] = [q.from, q.to];
  if (scope.range) {
    params.push(scope.range[0], scope.range[1]);
    conds.push(`r.region_code between $${params.length - 1} and $${params.length}`);
  }
  if (scope.orgIds) {
    params.push(scope.orgIds);
    conds.push(`r.organization_id = any($${params.length}::uuid[])`);
  }
  const fmt = (col: string) => `to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`;
  const sqlText = (after: boolean) =>
    `select r.id, r.service_date::text as "serviceDate", v.real_name as "realName", v.id_number_masked as "idNumberMasked",
            v.id_number_enc as "idNumberEnc", v.volunteer_number as "volunteerNumber", r.title, r.content, r.category,
            ${fmt('r.started_at')} as "startedAt", ${fmt('r.ended_at')} as "endedAt", r.minutes, r.place,
            coalesce(o.name, r.organizer_name) as organization, r.recorder_name as "recorderName",
            ${fmt('r.recorded_at')} as "recordedAt", r.source
       from service_records r join volunteers v on v.id = r.volunteer_id
       left join organizations o on o.id = r.organization_id
      where ${conds.join(' and ')}${after ? ` and (r.service_date, r.id) > ($${params.length + 1}::date, $${params.length + 2}::uuid)` : ''}
      order by r.service_date, r.id limit ${PAGE}`;

  const write = async () => {
    let last: Row | null = null;
    for (;;) {
      const rows: Row[] = await database.query<Row>(
        sqlText(last !== null),
        last ? [...params, last.serviceDate, last.id] : params,
      );
      for (const r of rows) {
        let idNumber = r.idNumberMasked;
        if (q.reveal) {
          try {
            idNumber = pii.decrypt(r.idNumberEnc);
          } catch {
            idNumber = r.idNumberMasked;
          }
        }
        ws.addRow([
          r.realName,
          '居民身份证',
          idNumber,
          r.volunteerNumber,
          r.title,
          r.content,
          serviceCategoryLabels[r.category as ServiceCategory] ?? r.category,
          r.startedAt,
          r.endedAt,
          Math.round((r.minutes / 60) * 100) / 100,
          r.place,
          r.organization,
          r.recorderName,
          r.recordedAt,
          r.source === 'backfill' ? '补录' : '签到',
        ]).commit();
      }
      if (rows.length < PAGE) break;
      last = rows[rows.length - 1];
    }
    ws.commit();
    await wb.commit();
  };
  write().catch((err) => stream.destroy(err));
  return { stream, scope };
}
