import { membershipDecision, teamInput, teamJoinInput } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireActor, requireLogin, requirePermission } from '../../lib/http';
import { createOrganizationService } from '../organizations/organizations.service';
import { createSettingsRepo } from '../settings/categories.repo';
import { createTeamService } from './teams.service';
import { createVolunteerService } from './volunteers.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });
const membershipParams = idParams.extend({ mid: z.string().uuid('编号格式不正确') });

export const teamRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createTeamService({
    ...deps,
    orgs: createOrganizationService({ ...deps, settings: createSettingsRepo(deps.database) }),
    volunteers: createVolunteerService(deps),
  });
  const tags = ['teams'];

  app.get(
    '/api/v1/organizations/:id/teams',
    { preHandler: requireLogin, schema: { tags, summary: '组织的志愿服务队', params: idParams } },
    async (req) => service.list(requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/organizations/:id/teams',
    {
      preHandler: requirePermission('team.manage'),
      schema: { tags, summary: '新建志愿服务队', params: idParams, body: teamInput },
    },
    async (req, reply) =>
      reply.code(201).send(await service.create(requireActor(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/teams/:id/memberships',
    { preHandler: requireLogin, schema: { tags, summary: '服务队成员与入队申请', params: idParams } },
    async (req) => service.memberships(requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/teams/:id/join',
    {
      preHandler: requirePermission('team.manage'),
      schema: { tags, summary: '为志愿者提交入队申请', params: idParams, body: teamJoinInput },
    },
    async (req, reply) =>
      reply.code(201).send(await service.join(requireActor(req), req.params.id, req.body.volunteerId)),
  );

  app.post(
    '/api/v1/teams/:id/memberships/:mid/decide',
    {
      preHandler: requirePermission('team.manage'),
      schema: {
        tags,
        summary: '审核入队申请',
        params: membershipParams,
        body: membershipDecision,
      },
    },
    async (req) => service.decide(requireActor(req), req.params.id, req.params.mid, req.body),
  );
};
