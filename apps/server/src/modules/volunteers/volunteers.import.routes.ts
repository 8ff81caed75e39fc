import {
  ageOn,
  todayInShanghai,
  VOLUNTEER_GUARDIAN_AGE,
  type VolunteerInput,
  volunteerInput,
} from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { auditActor } from '../../lib/authz/actor';
import { can } from '../../lib/authz/scope';
import { buildWorkbook, readFirstSheet, SpreadsheetError } from '../../lib/documents/excel';
import { AppError, badRequest, unprocessable } from '../../lib/errors';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
import { createVolunteerService } from './volunteers.service';

const HEADERS = ['姓名', '身份证号', '手机号', '社区代码', '技能', '服务意向', '监护人姓名', '监护人电话'];
const COLUMN: Record<string, string> = {
  realName: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  regionCode: '社区代码',
  skills: '技能',
  interests: '服务意向',
  guardianName: '监护人姓名',
  guardianPhone: '监护人电话',
  guardianConsent: '监护人姓名',
};
const MAX_ROWS = 2000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Excel import of volunteers whose consent the organization holds on paper: all rows or none. */
export const volunteerImportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { database, pii, audit } = deps;
  const db = database.db;
  const service = createVolunteerService(deps);
  const tags = ['volunteers'];

  app.get(
    '/api/v1/volunteers/import/template',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '志愿者导入模板（Excel）' },
    },
    async (_req, reply) => {
      const buf = await buildWorkbook([
        {
          name: '志愿者名册',
          columns: HEADERS.map((h) => ({ header: h, key: h, width: h === '身份证号' ? 22 : 14 })),
          rows: [
            {
              姓名: '示例：张三',
              身份证号: '11010519491231002X',
              手机号: '13800138000',
              社区代码: '440305001001',
              技能: '急救、摄影',
              服务意向: '助老、环境保护',
              监护人姓名: '（未满 14 周岁必填）',
              监护人电话: '',
            },
          ],
        },
      ]);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('志愿者导入模板.xlsx'));
      return reply.send(buf);
    },
  );

  app.post(
    '/api/v1/volunteers/import',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: {
        tags,
        summary: '从 Excel 导入志愿者（全部通过才写入；须已取得本人或监护人书面同意）',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw badRequest('请上传 Excel 文件', { file: '缺少文件' });
      const file = await req.file();
      if (!file) throw badRequest('请上传 Excel 文件', { file: '缺少文件' });
      let sheet: Awaited<ReturnType<typeof readFirstSheet>>;
      try {
        sheet = await readFirstSheet(await file.toBuffer());
      } catch (e) {
        if (e instanceof SpreadsheetError) throw unprocessable(e.message, { file: e.message });
        throw e;
      }
      const errors: { row: number; column: string; message: string }[] = [];
      const missing = HEADERS.slice(0, 4).filter((h) => !sheet.headers.includes(h));
      if (missing.length) errors.push({ row: 1, column: '', message: `缺少列：${missing.join('、')}` });
      const dataRows = (missing.length ? [] : sheet.rows).filter((r) => !r.values.姓名?.startsWith('示例'));
      if (dataRows.length > MAX_ROWS)
        errors.push({ row: 1, column: '', message: `一次最多导入 ${MAX_ROWS} 名志愿者` });
      const rows: { row: number; input: VolunteerInput }[] = [];
      const seen = new Map<string, number>();
      for (const r of dataRows.slice(0, MAX_ROWS)) {
        const v = r.values;
        const parsed = volunteerInput.safeParse({
          realName: v.姓名,
          idNumber: v.身份证号,
          phone: v.手机号,
          regionCode: v.社区代码,
          skills: list(v.技能),
          interests: list(v.服务意向),
          consents: [
            { purpose: 'record', granted: true },
            { purpose: 'sensitive_id', granted: true },
          ],
          guardianName: v.监护人姓名 || undefined,
          guardianPhone: v.监护人电话 || undefined,
          guardianConsent: !!v.监护人姓名,
        });
        if (!parsed.success) {
          for (const i of parsed.error.issues)
            errors.push({ row: r.rowNumber, column: COLUMN[String(i.path[0])] ?? '', message: i.message });
          continue;
        }
        const birth =
          parsed.data.idNumber.slice(6, 10) +
          '-' +
          parsed.data.idNumber.slice(10, 12) +
          '-' +
          parsed.data.idNumber.slice(12, 14);
        if (
          ageOn(birth, todayInShanghai(deps.clock.now())) < VOLUNTEER_GUARDIAN_AGE &&
          (!parsed.data.guardianName || !parsed.data.guardianPhone)
        ) {
          errors.push({
            row: r.rowNumber,
            column: '监护人姓名',
            message: '未满 14 周岁须填写监护人姓名和电话',
          });
          continue;
        }
        const hmac = pii.blindIndex(parsed.data.idNumber);
        const first = seen.get(hmac);
        if (first) {
          errors.push({ row: r.rowNumber, column: '身份证号', message: `与第 ${first} 行的身份证号重复` });
          continue;
        }
        seen.set(hmac, r.rowNumber);
        rows.push({ row: r.rowNumber, input: parsed.data });
      }
      // communities, scope and existing records, in bulk
      const codes = [...new Set(rows.map((r) => r.input.regionCode))];
      const communities = new Set(
        (
          await database.query<{ code: string }>(
            'select code from regions where code = any($1) and level = 5',
            [codes],
          )
        ).map((r) => r.code),
      );
      const existing = new Set(
        (
          await database.query<{ h: string }>(
            'select id_number_hmac as h from volunteers where id_number_hmac = any($1)',
            [[...seen.keys()]],
          )
        ).map((r) => r.h),
      );
      const valid: VolunteerInput[] = [];
      for (const r of rows) {
        const code = r.input.regionCode;
        if (!communities.has(code))
          errors.push({
            row: r.row,
            column: '社区代码',
            message: '社区代码不存在（须为居委会/村委会的 12 位代码）',
          });
        else if (!can(actor, 'volunteer.manage', { regionCode: code }))
          errors.push({ row: r.row, column: '社区代码', message: '无权在该社区登记志愿者' });
        else if (existing.has(pii.blindIndex(r.input.idNumber)))
          errors.push({ row: r.row, column: '身份证号', message: '该身份证号已登记为志愿者' });
        else valid.push(r.input);
      }
      errors.sort((a, b) => a.row - b.row);
      const summary = {
        total: dataRows.length,
        valid: dataRows.length - new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size,
        errors,
        committed: false,
        created: 0,
      };
      if (req.query.dryRun === 'true' || errors.length || valid.length === 0) {
        if (req.query.dryRun === 'false' && errors.length)
          throw unprocessable(`文件中有 ${errors.length} 处错误，未导入任何数据`, { file: '存在错误' });
        return summary;
      }
      try {
        await db.transaction(async (tx) => {
          for (const input of valid) await service.insertVolunteer(tx, actor, input, 'import');
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'volunteer.import_committed',
            entity: ['volunteer_import', req.id],
            after: { count: valid.length },
          });
        });
      } catch (e) {
        // a row-level refusal found while writing (e.g. under 14 without a guardian): nothing was written
        if (e instanceof AppError && e.status < 500)
          throw unprocessable(`导入未完成：${e.message}，未导入任何数据`, e.fields);
        throw e;
      }
      return { ...summary, committed: true, created: valid.length };
    },
  );
};
