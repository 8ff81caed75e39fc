import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { scopeRanges } from '../../lib/authz/scope';
import { SpreadsheetError } from '../../lib/documents/excel';
import { buildOrgImportTemplate, parseOrgImport } from '../../lib/documents/orgImport';
import { badRequest, unprocessable } from '../../lib/errors';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
import { createSettingsRepo } from '../settings/categories.repo';
import { createOrganizationService, piiColumns } from './organizations.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel import of an existing roster of organizations: template, dry run, all-or-nothing commit. */
export const importRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { database, pii, audit } = deps;
  const settings = createSettingsRepo(database);
  const orgs = createOrganizationService({ ...deps, settings });
  const tags = ['organizations'];

  async function communitiesFor(actor: Actor) {
    const s = scopeRanges(actor, 'import.orgs');
    const params: unknown[] = [];
    const parts = s.ranges.map(([lo, hi]) => {
      params.push(lo, hi);
      return `code between $${params.length - 1} and $${params.length}`;
    });
    const where = s.all ? 'true' : parts.length ? `(${parts.join(' or ')})` : 'false';
    return database.query<{ code: string; name: string; streetCode: string }>(
      `select code, name, substr(code, 1, 9) as "streetCode" from regions where level = 5 and ${where} order by code`,
      params,
    );
  }

  app.get(
    '/api/v1/organizations/import/template',
    { preHandler: requirePermission('import.orgs'), schema: { tags, summary: '下载组织名册导入模板' } },
    async (req, reply) => {
      const scheme = await settings.activeScheme();
      const buf = await buildOrgImportTemplate({
        categories: scheme.categories.filter((c) => c.active),
        communities: await communitiesFor(requireActor(req)),
      });
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('社区社会组织名册导入模板.xlsx'));
      return reply.send(buf);
    },
  );

  app.post(
    '/api/v1/organizations/import',
    {
      preHandler: requirePermission('import.orgs'),
      schema: {
        tags,
        summary: '导入组织名册（dryRun=true 仅校验；否则全部成功才写入）',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw badRequest('请上传 Excel 文件', { file: '缺少文件' });
      const file = await req.file();
      if (!file) throw badRequest('请上传 Excel 文件', { file: '缺少文件' });
      const buf = await file.toBuffer();
      if (file.file.truncated) throw badRequest('文件过大（不超过 10 MB）', { file: '文件过大' });
      const scheme = await settings.activeScheme();
      const communities = await communitiesFor(actor);
      const existing = await database.query<{
        key: string;
        uscc: string | null;
        filing_number: string | null;
      }>(
        `select street_code || '|' || name as key, uscc, filing_number from organizations where status <> 'exited' or uscc is not null or filing_number is not null`,
      );
      let parsed: Awaited<ReturnType<typeof parseOrgImport>>;
      try {
        parsed = await parseOrgImport(buf, {
          categories: scheme.categories.filter((c) => c.active),
          communities,
          existingNames: new Set(existing.map((e) => e.key)),
          existingUsccs: new Set(existing.map((e) => e.uscc?.trim()).filter((x): x is string => !!x)),
          existingFilingNumbers: new Set(
            existing.map((e) => e.filing_number).filter((x): x is string => !!x),
          ),
        });
      } catch (e) {
        if (e instanceof SpreadsheetError) throw unprocessable(e.message, { file: e.message });
        throw e;
      }
      const total = parsed.rows.length + new Set(parsed.errors.map((e) => e.row)).size;
      const summary = {
        total,
        valid: parsed.rows.length,
        errors: parsed.errors,
        committed: false,
        created: 0,
      };
      if (req.query.dryRun === 'true' || parsed.errors.length > 0 || parsed.rows.length === 0) {
        if (req.query.dryRun === 'false' && parsed.errors.length > 0) {
          throw unprocessable(`文件中有 ${parsed.errors.length} 处错误，未导入任何数据，请修改后重新上传`, {
            file: '存在错误',
          });
        }
        return summary;
      }
      const created = await database.db.transaction(async (tx) => {
        const ids: string[] = [];
        for (const r of parsed.rows) {
          const row = await orgs.insertOrganization(
            tx,
            actor,
            {
              name: r.name,
              tier: r.tier,
              categoryScheme: scheme.code,
              category: r.category,
              regionCode: r.regionCode,
              streetCode: r.streetCode,
              businessScope: r.businessScope,
              venue: r.venue,
              foundedOn: r.foundedOn,
              leaderName: r.leaderName,
              contactName: r.contactName,
              isHub: r.isHub,
              partyStatus: r.partyStatus,
              uscc: r.uscc,
              filingNumber: r.filingNumber,
              memberCount: r.memberCount,
              ...piiColumns(pii, {
                leaderIdNumber: r.leaderIdNumber ?? undefined,
                leaderPhone: r.leaderPhone ?? undefined,
                contactPhone: r.contactPhone ?? undefined,
              }),
            },
            'imported',
          );
          ids.push(row.id);
        }
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'organization.import',
          entity: ['import', file.filename.slice(0, 100)],
          after: { count: ids.length, ids },
        });
        return ids.length;
      });
      return { ...summary, committed: true, created };
    },
  );
};
