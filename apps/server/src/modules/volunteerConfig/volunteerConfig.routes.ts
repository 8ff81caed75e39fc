import { resolveVolunteerTargets, volunteerConfigInput, volunteerTargetsInput } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { auditActor } from '../../lib/authz/actor';
import { staleVersion } from '../../lib/errors';
import { requireActor, requireLogin, requirePermission } from '../../lib/http';
import { createSettingsRepo } from '../settings/categories.repo';
import { settingAuditRegion } from '../settings/settings.routes';
import { VOLUNTEER_TARGETS_KEY } from '../volunteerStats/volunteerStats.service';
import { loadVolunteerConfig } from './volunteerConfig';

/**
 * The deployment's volunteer-service rules as data: star thresholds and basis, points per hour,
 * point expiry, check-in code timing and the working-day calendar. Read by every signed-in user
 * (the pages explain stars and expiry), changed by whoever manages the targets (city, admin).
 * Credit rules stay the code defaults. The volunteer development targets (shares of the resident
 * population that the volunteer dashboard compares against) sit beside them under their own key.
 */
export const volunteerConfigRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { database, audit, clock } = deps;
  const repo = createSettingsRepo(database);
  const tags = ['settings'];

  const current = async () => {
    const config = await loadVolunteerConfig(database);
    const [row] = await database.query<{ version: number }>(
      "select version from settings where key = 'volunteer'",
    );
    const { credit: _credit, ...editable } = config;
    return { ...editable, version: row?.version ?? 0 };
  };

  const targetsView = z.object({
    volunteerRatio: z.number(),
    orgPerResident: z.number(),
    version: z.number(),
  });

  /** The saved targets merged over the defaults (13 % / 0.05 %), as the dashboard reads them. */
  const currentTargets = async () => {
    const [row] = await database.query<{ value: unknown; version: number }>(
      'select value, version from settings where key = $1',
      [VOLUNTEER_TARGETS_KEY],
    );
    return { ...resolveVolunteerTargets(row?.value), version: row?.version ?? 0 };
  };

  app.get(
    '/api/v1/settings/volunteer',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '志愿服务规则（星级、积分、有效期、签到、工作日历）' },
    },
    async () => current(),
  );

  app.put(
    '/api/v1/settings/volunteer',
    {
      preHandler: requirePermission('targets.manage'),
      schema: { tags, summary: '修改志愿服务规则', body: volunteerConfigInput },
    },
    async (req) => {
      const actor = requireActor(req);
      const { version, ...value } = req.body;
      await database.db.transaction(async (tx) => {
        const before = await current();
        if (before.version !== version) throw staleVersion();
        const next = await repo.putSetting('volunteer', value, version, clock.now());
        if (next === null) throw staleVersion();
        const { version: _v, ...old } = before;
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'setting.volunteer',
          entity: ['setting', 'volunteer'],
          regionCode: settingAuditRegion(actor, 'targets.manage'),
          before: old,
          after: value,
          requestId: req.id,
        });
      });
      return current();
    },
  );

  app.get(
    '/api/v1/settings/volunteer-targets',
    {
      preHandler: requireLogin,
      schema: {
        tags,
        summary: '志愿者发展目标（注册志愿者、志愿服务组织占常住人口比例）',
        response: { 200: targetsView },
      },
    },
    async () => currentTargets(),
  );

  app.put(
    '/api/v1/settings/volunteer-targets',
    {
      preHandler: requirePermission('targets.manage'),
      schema: {
        tags,
        summary: '修改志愿者发展目标',
        body: volunteerTargetsInput,
        response: { 200: targetsView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { version, ...value } = req.body;
      await database.db.transaction(async (tx) => {
        const before = await currentTargets();
        if (before.version !== version) throw staleVersion();
        const next = await repo.putSetting(VOLUNTEER_TARGETS_KEY, value, version, clock.now());
        if (next === null) throw staleVersion();
        const { version: _v, ...old } = before;
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'setting.volunteer_targets',
          entity: ['setting', VOLUNTEER_TARGETS_KEY],
          regionCode: settingAuditRegion(actor, 'targets.manage'),
          before: old,
          after: value,
          requestId: req.id,
        });
      });
      return currentTargets();
    },
  );
};
