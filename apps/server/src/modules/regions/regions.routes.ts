import { isDivisionCode } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { notFound } from '../../lib/errors';
import { requireLogin } from '../../lib/http';
import { createRegionRepo } from './regions.repo';

export const regionCodeParam = z.object({
  code: z.string().refine((c) => /^\d{12}$/.test(c) && isDivisionCode(c), '行政区划代码应为 12 位数字'),
});

const regionItem = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  parentCode: z.string().nullable(),
  areaType: z.string().nullable(),
});

/** Region names are not secret (they are public statistics), so any logged-in user may browse the tree. */
export const regionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database }) => {
  const repo = createRegionRepo(database);
  app.get(
    '/api/v1/regions/:code',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['regions'],
        summary: '行政区划',
        params: regionCodeParam,
        response: { 200: regionItem.extend({ path: z.array(regionItem) }) },
      },
    },
    async (req) => {
      const r = await repo.get(req.params.code);
      if (!r) throw notFound('行政区划');
      return { ...r, path: await repo.path(r.code) };
    },
  );
  app.get(
    '/api/v1/regions/:code/children',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['regions'],
        summary: '下级行政区划',
        params: regionCodeParam,
        response: { 200: z.object({ items: z.array(regionItem) }) },
      },
    },
    async (req) => {
      const r = await repo.get(req.params.code);
      if (!r) throw notFound('行政区划');
      return { items: await repo.children(r.code) };
    },
  );
};
