import {
  redemptionCancel,
  redemptionInput,
  redemptionStates,
  redemptionVerify,
  rewardItemInput,
  rewardItemPatch,
  rewardItemStatusChange,
  rewardItemStatuses,
  rewardProviderKinds,
  rewardStockAdjustment,
} from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { buildWorkbook } from '../../lib/documents/excel';
import { contentDisposition, requireActor, requirePermission, requireVolunteer } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createExchangeService } from './exchange.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParams = z.object({ id: z.string().uuid('编号格式不正确') });
const itemQuery = z.object({
  ...pageQuery,
  status: z.enum(rewardItemStatuses, { message: '状态无效' }).optional(),
  providerKind: z.enum(rewardProviderKinds, { message: '提供方类型无效' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字')
    .optional(),
});
const redemptionQuery = z.object({
  ...pageQuery,
  state: z.enum(redemptionStates, { message: '状态无效' }).optional(),
  itemId: z.string().uuid('商品编号格式不正确').optional(),
});

/** The exchange: items and redemptions for staff and partner providers, offers and redemptions for volunteers. */
export const exchangeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createExchangeService(deps);
  const tags = ['exchange'];

  app.get(
    '/api/v1/exchange/items',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '兑换商品列表（按权限范围）', querystring: itemQuery },
    },
    async (req) => service.listItems(requireActor(req), req.query),
  );

  app.post(
    '/api/v1/exchange/items',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '发布兑换商品或服务', body: rewardItemInput },
    },
    async (req, reply) => reply.code(201).send(await service.createItem(requireActor(req), req.body, req.id)),
  );

  app.get(
    '/api/v1/exchange/items/:id',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '兑换商品详情', params: idParams },
    },
    async (req) => service.getItem(requireActor(req), req.params.id),
  );

  app.patch(
    '/api/v1/exchange/items/:id',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '修改兑换商品', params: idParams, body: rewardItemPatch },
    },
    async (req) => service.patchItem(requireActor(req), req.params.id, req.body, req.id),
  );

  app.post(
    '/api/v1/exchange/items/:id/delist',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '下架兑换商品', params: idParams, body: rewardItemStatusChange },
    },
    async (req) => service.setStatus(requireActor(req), req.params.id, 'delisted', req.body, req.id),
  );

  app.post(
    '/api/v1/exchange/items/:id/relist',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '重新上架兑换商品', params: idParams, body: rewardItemStatusChange },
    },
    async (req) => service.setStatus(requireActor(req), req.params.id, 'listed', req.body, req.id),
  );

  app.post(
    '/api/v1/exchange/items/:id/stock',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '调整库存（须填原因）', params: idParams, body: rewardStockAdjustment },
    },
    async (req) => service.adjustStock(requireActor(req), req.params.id, req.body, req.id),
  );

  app.get(
    '/api/v1/exchange/redemptions',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '兑换记录（按权限范围）', querystring: redemptionQuery },
    },
    async (req) => service.listRedemptions(requireActor(req), req.query),
  );

  app.get(
    '/api/v1/exchange/redemptions/export',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: {
        tags,
        summary: '导出兑换记录（Excel）',
        querystring: redemptionQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const rows = [];
      for (let page = 1; ; page++) {
        const p = await service.listRedemptions(actor, { ...req.query, page, pageSize: 200 });
        rows.push(...p.items);
        if (p.items.length < 200 || rows.length >= 20_000) break;
      }
      const time = (s: string | null) =>
        s ? new Date(s).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
      const buf = await buildWorkbook([
        {
          name: '兑换记录',
          columns: [
            { header: '兑换时间', key: 'createdAt', width: 20 },
            { header: '商品或服务', key: 'itemName', width: 24 },
            { header: '提供方', key: 'providerName', width: 18 },
            { header: '志愿者编号', key: 'volunteerNumber', width: 20 },
            { header: '志愿者', key: 'volunteerName', width: 10 },
            { header: '积分', key: 'points', width: 8 },
            { header: '取货码', key: 'pickupCode', width: 12 },
            { header: '状态', key: 'stateLabel', width: 10 },
            { header: '核销时间', key: 'pickedUpAt', width: 20 },
            { header: '核销人', key: 'verifiedByName', width: 12 },
            { header: '取消原因', key: 'cancelReason', width: 24 },
          ],
          rows: rows.map((r) => ({
            ...r,
            createdAt: time(r.createdAt),
            pickedUpAt: time(r.pickedUpAt),
            verifiedByName: r.verifiedByName ?? '',
            cancelReason: r.cancelReason ?? '',
          })),
        },
      ]);
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition('兑换记录.xlsx'));
      return reply.send(buf);
    },
  );

  app.post(
    '/api/v1/exchange/redemptions/verify',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '核销取货码', body: redemptionVerify },
    },
    async (req) => service.verify(requireActor(req), req.body.pickupCode, req.id),
  );

  app.post(
    '/api/v1/exchange/redemptions/:id/cancel',
    {
      preHandler: requirePermission('exchange.manage'),
      schema: { tags, summary: '取消兑换（退回库存和积分）', params: idParams, body: redemptionCancel },
    },
    async (req) => service.cancel(requireActor(req), req.params.id, req.body.reason, req.id),
  );

  // resident (volunteer) side
  app.get('/api/v1/me/exchange/items', { schema: { tags, summary: '我可兑换的商品和服务' } }, async (req) => {
    const { volunteerId } = requireVolunteer(req);
    return service.offersFor(volunteerId);
  });

  app.post(
    '/api/v1/me/redemptions',
    { schema: { tags, summary: '积分兑换（返回取货码）', body: redemptionInput } },
    async (req, reply) => {
      const { actor, volunteerId } = requireVolunteer(req);
      const r = await service.redeem(actor, volunteerId, req.body, req.id);
      return reply.code(r.duplicate ? 200 : 201).send({ ...r.redemption, balance: r.balance });
    },
  );

  app.get('/api/v1/me/redemptions', { schema: { tags, summary: '我的兑换记录' } }, async (req) => {
    const { volunteerId } = requireVolunteer(req);
    return service.myRedemptions(volunteerId);
  });
};
