import { type TrainingInput, trainingInput } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { buildWorkbook, readFirstSheet, SpreadsheetError } from '../../lib/documents/excel';
import { badRequest, unprocessable } from '../../lib/errors';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
import { createCreditService } from './credit.service';

const HEADERS = ['志愿者编号', '姓名', '课程名称', '培训内容', '时长（分钟）', '主办单位', '培训日期'];
const REQUIRED = ['志愿者编号', '课程名称', '时长（分钟）', '主办单位', '培训日期'];
const COLUMN: Record<string, string> = {
  course: '课程名称',
  content: '培训内容',
  minutes: '时长（分钟）',
  organizer: '主办单位',
  heldOn: '培训日期',
};
const MAX_ROWS = 2000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel import of a training roster (培训签到表): all rows or none, each with its credit event. */
export const creditImportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createCreditService(deps);
  const tags = ['credit'];

  app.get(
    '/api/v1/trainings/import/template',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '培训名册导入模板（Excel）' },
    },
    async (_req, reply) => {
      const buf = await buildWorkbook([
        {
          name: '培训名册',
          columns: HEADERS.map((h) => ({ header: h, key: h, width: h === '培训内容' ? 30 : 16 })),
          rows: [
            {
              志愿者编号: '示例：V440305-2026-000001',
              姓名: '张三',
              课程名称: '应急救护培训',
              培训内容: '心肺复苏、止血包扎',
              '时长（分钟）': 180,
              主办单位: '区红十字会',
              培训日期: '2026-03-01',
            },
          ],
        },
      ]);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('培训名册导入模板.xlsx'));
      return reply.send(buf);
    },
  );

  app.post(
    '/api/v1/trainings/import',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: {
        tags,
        summary: '从 Excel 导入培训名册（全部通过才写入，每行计入信用）',
        querystring: z.object({ dryRun: z.enum(['true', 'false'], { message: '参数无效' }).default('true') }),
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
      const missing = REQUIRED.filter((h) => !sheet.headers.includes(h));
      if (missing.length) errors.push({ row: 1, column: '', message: `缺少列：${missing.join('、')}` });
      const dataRows = (missing.length ? [] : sheet.rows).filter(
        (r) => !r.values.志愿者编号?.startsWith('示例'),
      );
      if (dataRows.length > MAX_ROWS)
        errors.push({ row: 1, column: '', message: `一次最多导入 ${MAX_ROWS} 行` });
      const rows: { row: number; volunteerNumber: string; realName: string; input: TrainingInput }[] = [];
      for (const r of dataRows.slice(0, MAX_ROWS)) {
        const v = r.values;
        const minutes = Number(v['时长（分钟）']);
        const parsed = trainingInput.safeParse({
          course: v.课程名称,
          content: v.培训内容 ?? '',
          minutes: v['时长（分钟）'] && Number.isFinite(minutes) ? minutes : undefined,
          organizer: v.主办单位,
          heldOn: v.培训日期,
        });
        if (!v.志愿者编号)
          errors.push({ row: r.rowNumber, column: '志愿者编号', message: '请填写志愿者编号' });
        if (!parsed.success) {
          for (const i of parsed.error.issues)
            errors.push({ row: r.rowNumber, column: COLUMN[String(i.path[0])] ?? '', message: i.message });
          continue;
        }
        if (!v.志愿者编号) continue;
        rows.push({
          row: r.rowNumber,
          volunteerNumber: v.志愿者编号,
          realName: v.姓名 ?? '',
          input: parsed.data,
        });
      }
      const checked = await service.checkTrainingRoster(actor, rows);
      errors.push(...checked.errors);
      errors.sort((a, b) => a.row - b.row);
      const summary = {
        total: dataRows.length,
        valid: dataRows.length - new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size,
        errors,
        committed: false,
        created: 0,
      };
      if (req.query.dryRun === 'true' || errors.length || checked.valid.length === 0) {
        if (req.query.dryRun === 'false' && errors.length)
          throw unprocessable(`文件中有 ${errors.length} 处错误，未导入任何数据`, { file: '存在错误' });
        return summary;
      }
      const created = await service.commitTrainingRoster(actor, checked.valid, req.id);
      return { ...summary, committed: true, created };
    },
  );
};
