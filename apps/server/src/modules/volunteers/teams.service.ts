import type { MembershipDecision, TeamInput } from '@linli/core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import { teamMemberships, volunteers, volunteerTeams } from '../../db/schema';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeWhere } from '../../lib/authz/scope';
import { conflict, forbidden, isUniqueViolation, notFound, unprocessable } from '../../lib/errors';
import type { OrganizationService } from '../organizations/organizations.service';
import { presentMembership } from './volunteers.presenter';
import { type VolunteerService, volunteerScope } from './volunteers.service';

type TeamRow = typeof volunteerTeams.$inferSelect;
type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'> & {
  orgs: OrganizationService;
  volunteers: VolunteerService;
};

const presentTeam = (t: TeamRow) => ({
  id: t.id,
  organizationId: t.organizationId,
  name: t.name,
  regionCode: t.regionCode,
  description: t.description,
  status: t.status,
  version: t.version,
  createdAt: t.createdAt,
});

/** Volunteer service teams of an organization; joining needs the team's approval. */
export function createTeamService(deps: Deps) {
  const { database, audit, clock, orgs } = deps;
  const db = database.db;

  async function getTeam(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<TeamRow> {
    const q = tx
      .select()
      .from(volunteerTeams)
      .where(
        and(
          eq(volunteerTeams.id, id),
          scopeWhere(
            actor,
            { region: volunteerTeams.regionCode, org: volunteerTeams.organizationId },
            'org.read',
          ),
        ),
      );
    const [t] = lock ? await q.for('update') : await q;
    if (!t) throw notFound('服务队');
    return t;
  }

  function assertManage(actor: Actor, t: { regionCode: string; organizationId: string }) {
    if (!can(actor, 'team.manage', { regionCode: t.regionCode, organizationId: t.organizationId }))
      throw forbidden('您无权管理该服务队');
  }

  return {
    async list(actor: Actor, orgId: string) {
      const o = await orgs.getScoped(db, actor, orgId);
      const rows = await db
        .select({
          team: volunteerTeams,
          approved: sql<number>`(select count(*)::int from team_memberships m where m.team_id = volunteer_teams.id and m.state = 'approved')`,
          requested: sql<number>`(select count(*)::int from team_memberships m where m.team_id = volunteer_teams.id and m.state = 'requested')`,
        })
        .from(volunteerTeams)
        .where(eq(volunteerTeams.organizationId, o.id))
        .orderBy(asc(volunteerTeams.createdAt));
      const manage = can(actor, 'team.manage', { regionCode: o.regionCode, organizationId: o.id });
      return {
        items: rows.map((r) => ({
          ...presentTeam(r.team),
          memberCount: r.approved,
          pendingCount: r.requested,
          allowedActions: manage ? ['join', 'decide'] : [],
        })),
      };
    },

    async create(actor: Actor, orgId: string, input: TeamInput) {
      return db.transaction(async (tx) => {
        const o = await orgs.getScoped(tx, actor, orgId);
        assertManage(actor, { regionCode: o.regionCode, organizationId: o.id });
        if (o.status === 'exited') throw unprocessable('已退出的组织不能新建服务队');
        const regionCode = input.regionCode ?? o.regionCode;
        if (input.regionCode) await deps.volunteers.community(tx, input.regionCode);
        try {
          const [t] = await tx
            .insert(volunteerTeams)
            .values({
              organizationId: o.id,
              name: input.name,
              regionCode,
              description: input.description,
              createdAt: clock.now(),
              updatedAt: clock.now(),
            })
            .returning();
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'team.created',
            entity: ['volunteer_team', t.id],
            regionCode: t.regionCode,
            after: t,
          });
          return presentTeam(t);
        } catch (e) {
          if (isUniqueViolation(e, 'volunteer_teams_org_name_uq'))
            throw conflict('本组织已有同名的服务队', { name: '本组织已有同名的服务队' });
          throw e;
        }
      });
    },

    async memberships(actor: Actor, teamId: string) {
      const t = await getTeam(db, actor, teamId);
      const rows = await db
        .select({ m: teamMemberships, v: volunteers })
        .from(teamMemberships)
        .innerJoin(volunteers, eq(volunteers.id, teamMemberships.volunteerId))
        .where(eq(teamMemberships.teamId, t.id))
        .orderBy(desc(teamMemberships.requestedAt));
      return { team: presentTeam(t), items: rows.map((r) => presentMembership(r.m, r.v)) };
    },

    /** A join request for a volunteer, filed by the team's leader or staff. */
    async join(actor: Actor, teamId: string, volunteerId: string) {
      return db.transaction(async (tx) => {
        const t = await getTeam(tx, actor, teamId);
        assertManage(actor, t);
        // the volunteer must be one the caller may see (outside the caller's scope: 404)
        if (!/^[0-9a-f-]{36}$/i.test(volunteerId)) throw notFound('志愿者');
        const [v] = await tx
          .select()
          .from(volunteers)
          .where(and(eq(volunteers.id, volunteerId), volunteerScope(actor)));
        if (!v) throw notFound('志愿者');
        if (v.status !== 'active')
          throw unprocessable('该志愿者已停用，不能加入服务队', { volunteerId: '该志愿者已停用' });
        try {
          const [m] = await tx
            .insert(teamMemberships)
            .values({ teamId: t.id, volunteerId: v.id, requestedAt: clock.now(), requestedBy: actor.id })
            .returning();
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'team.join_requested',
            entity: ['volunteer_team', t.id],
            regionCode: t.regionCode,
            after: m,
          });
          return presentMembership(m, v);
        } catch (e) {
          if (isUniqueViolation(e, 'team_memberships_live_uq'))
            throw conflict('该志愿者已申请或已加入该服务队', { volunteerId: '已申请或已加入' });
          throw e;
        }
      });
    },

    async decide(actor: Actor, teamId: string, membershipId: string, input: MembershipDecision) {
      return db.transaction(async (tx) => {
        const t = await getTeam(tx, actor, teamId);
        assertManage(actor, t);
        const [m] = await tx
          .select()
          .from(teamMemberships)
          .where(and(eq(teamMemberships.id, membershipId), eq(teamMemberships.teamId, t.id)))
          .for('update');
        if (!m) throw notFound('入队申请');
        if (m.state !== 'requested') throw conflict('该申请已处理，请刷新后重试');
        if (input.decision === 'reject' && !input.reason)
          throw unprocessable('请填写不通过的理由', { reason: '请填写理由' });
        const [after] = await tx
          .update(teamMemberships)
          .set({
            state: input.decision === 'approve' ? 'approved' : 'rejected',
            decidedBy: actor.id,
            decidedByName: actor.displayName,
            decidedAt: clock.now(),
            reason: input.reason ?? null,
            version: m.version + 1,
          })
          .where(and(eq(teamMemberships.id, m.id), eq(teamMemberships.state, 'requested')))
          .returning();
        if (!after) throw conflict('该申请已处理，请刷新后重试');
        await audit.record(tx, {
          actor: auditActor(actor),
          action: input.decision === 'approve' ? 'team.membership_approved' : 'team.membership_rejected',
          entity: ['volunteer_team', t.id],
          regionCode: t.regionCode,
          before: m,
          after,
        });
        return presentMembership(after);
      });
    },
  };
}
