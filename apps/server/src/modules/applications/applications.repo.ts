import { type ApplicationKind, applicationFlows, prefixRange, type Role } from '@linli/core';
import type { Database } from '../../db/client';
import type { Actor } from '../../lib/authz/actor';
import { scopeSql } from '../organizations/organizations.repo';

export type AppFilter = {
  organizationId?: string;
  kind?: string;
  state?: string;
  q?: string;
  regionCode?: string;
  todo?: boolean;
  page: number;
  pageSize: number;
};

export type AppListRow = {
  id: string;
  kind: ApplicationKind;
  state: string;
  organizationId: string | null;
  name: string;
  regionCode: string;
  communityName: string | null;
  streetName: string | null;
  applicantName: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
  version: number;
};

/** States in which `role` can act, per application kind. */
function actionableStates(role: Role): [ApplicationKind, string[]][] {
  return (
    Object.entries(applicationFlows) as [ApplicationKind, (typeof applicationFlows)[ApplicationKind]][]
  ).map(([kind, flow]) => [
    kind,
    Object.entries(flow)
      .filter(([, events]) => Object.values(events).some((e) => e.by.includes(role)))
      .map(([s]) => s),
  ]);
}

/** SQL condition: applications waiting for an action the actor may take (per grant and its scope). */
export function todoSql(actor: Actor, params: unknown[]): string {
  const parts: string[] = [];
  for (const g of actor.grants) {
    if (g.role === 'admin') continue;
    const actionable = actionableStates(g.role).filter(([, states]) => states.length > 0);
    // a role that acts in no workflow adds nothing (and no unused parameters)
    if (actionable.length === 0) continue;
    let scope: string;
    if (g.role === 'org_leader') {
      if (!g.organizationId) continue;
      params.push(g.organizationId);
      scope = `a.organization_id = $${params.length}::uuid`;
    } else {
      if (!g.regionCode) continue;
      params.push(...prefixRange(g.regionCode));
      scope = `a.region_code between $${params.length - 1} and $${params.length}`;
    }
    for (const [kind, states] of actionable) {
      params.push(kind, states);
      parts.push(
        `(a.kind = $${params.length - 1} and a.state = any($${params.length}::text[]) and ${scope})`,
      );
    }
  }
  return parts.length ? `(${parts.join(' or ')})` : 'false';
}

const columns = `a.id, a.kind, a.state, a.organization_id as "organizationId", coalesce(a.form->>'name', o.name, '') as name,
  a.region_code as "regionCode", rc.name as "communityName", rs.name as "streetName", a.applicant_name as "applicantName",
  a.submitted_at as "submittedAt", a.updated_at as "updatedAt", a.version`;

export function createApplicationRepo(database: Database) {
  return {
    async list(actor: Actor, f: AppFilter): Promise<{ items: AppListRow[]; total: number }> {
      const params: unknown[] = [];
      const where = [scopeSql(actor, params, 'a.region_code', 'a.organization_id')];
      if (f.todo) where.push(todoSql(actor, params));
      if (f.organizationId) {
        params.push(f.organizationId);
        where.push(`a.organization_id = $${params.length}::uuid`);
      }
      if (f.kind) {
        params.push(f.kind);
        where.push(`a.kind = $${params.length}`);
      }
      if (f.state) {
        params.push(f.state);
        where.push(`a.state = $${params.length}`);
      }
      if (f.regionCode) {
        params.push(...prefixRange(f.regionCode));
        where.push(`a.region_code between $${params.length - 1} and $${params.length}`);
      }
      if (f.q) {
        params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(`(a.form->>'name' like $${params.length} or o.name like $${params.length})`);
      }
      params.push(f.pageSize, (f.page - 1) * f.pageSize);
      const rows = await database.query<AppListRow & { total: number }>(
        `select ${columns}, count(*) over()::int as total
           from applications a
           left join organizations o on o.id = a.organization_id
           left join regions rc on rc.code = a.region_code
           left join regions rs on rs.code = (substr(a.region_code, 1, 9) || '000')::char(12)
          where ${where.join(' and ')}
          order by a.updated_at desc, a.id
          limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
    },
  };
}
