import type { Permission } from '@linli/core';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './authz/actor';
import { can } from './authz/scope';
import { forbidden, unauthorized } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

/** preHandler: the caller must hold the permission in at least one grant (scope is checked per resource later). */
export const requirePermission = (p: Permission) => async (req: FastifyRequest) => {
  const actor = requireActor(req);
  if (!can(actor, p)) throw forbidden();
};

/** The caller must be a resident signed in with their volunteer account; returns the volunteer id. */
export function requireVolunteer(req: FastifyRequest): { actor: Actor; volunteerId: string } {
  const actor = requireActor(req);
  if (!actor.volunteerId) throw forbidden('请使用志愿者账号登录');
  return { actor, volunteerId: actor.volunteerId };
}

export const requireLogin = async (req: FastifyRequest) => {
  requireActor(req);
};

export const contentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};
