import type { Role } from '@linli/core';

export type Grant = { role: Role; regionCode: string | null; organizationId: string | null };

/** The authenticated caller, with every live grant. */
export type Actor = {
  id: string;
  username: string;
  displayName: string;
  grants: Grant[];
  /** set when the user is a resident signed in as their own volunteer record */
  volunteerId?: string | null;
};

export const actorRoles = (a: Actor): Role[] => [...new Set(a.grants.map((g) => g.role))];

/** The identity written into audit entries and workflow steps. */
export const auditActor = (a: Actor | null) => (a ? { id: a.id, name: a.displayName } : null);
