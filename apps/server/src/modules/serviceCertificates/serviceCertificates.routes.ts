import { serviceCertificateIssue, serviceCertificateRevoke } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { renderServiceCertificate } from '../../lib/documents/serviceCertificate';
import {
  contentDisposition,
  requireActor,
  requireLogin,
  requirePermission,
  requireVolunteer,
} from '../../lib/http';
import { type CertificateRow, createServiceCertificateService } from './serviceCertificates.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });
const certIdParams = z.object({ id: z.string().min(1).max(64) });
const numberParams = z.object({ number: z.string().min(1).max(64) });

/**
 * Service certificates (志愿服务记录证明): residents issue and download their own, staff issue,
 * download and revoke for volunteers in scope, anyone verifies by number.
 */
export const serviceCertificateRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createServiceCertificateService(deps);
  const tags = ['service-certificates'];

  const sendPdf = async (
    req: { protocol: string; host: string },
    reply: import('fastify').FastifyReply,
    c: CertificateRow,
  ) => {
    const base = deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
    const pdf = await renderServiceCertificate(service.pdfData(c, base));
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition(`志愿服务记录证明-${c.number}.pdf`));
    return reply.send(pdf);
  };

  // the resident's own certificates
  app.post(
    '/api/v1/me/certificates',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '为本人开具志愿服务记录证明', body: serviceCertificateIssue },
    },
    async (req, reply) => {
      const { actor, volunteerId } = requireVolunteer(req);
      return reply.code(201).send(await service.issueOwn(actor, volunteerId, req.body, req.id));
    },
  );

  app.get(
    '/api/v1/me/certificates',
    { preHandler: requireLogin, schema: { tags, summary: '本人的志愿服务记录证明' } },
    async (req) => ({ items: await service.listFor(requireVolunteer(req).volunteerId) }),
  );

  app.get(
    '/api/v1/me/certificates/:id/pdf',
    { preHandler: requireLogin, schema: { tags, summary: '下载本人的证明（PDF）', params: certIdParams } },
    async (req, reply) => {
      const { volunteerId } = requireVolunteer(req);
      return sendPdf(req, reply, await service.own(volunteerId, req.params.id));
    },
  );

  // staff
  app.post(
    '/api/v1/volunteers/:id/certificates',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '为志愿者开具服务记录证明', params: idParams, body: serviceCertificateIssue },
    },
    async (req, reply) =>
      reply.code(201).send(await service.issueFor(requireActor(req), req.params.id, req.body, req.id)),
  );

  app.get(
    '/api/v1/volunteers/:id/certificates',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿者的服务记录证明', params: idParams },
    },
    async (req) => {
      await service.scopedVolunteer(requireActor(req), req.params.id, 'volunteer.read');
      return { items: await service.listFor(req.params.id) };
    },
  );

  app.get(
    '/api/v1/service-certificates/:id/pdf',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '下载志愿服务记录证明（PDF）', params: certIdParams },
    },
    async (req, reply) =>
      sendPdf(req, reply, await service.scoped(requireActor(req), req.params.id, 'volunteer.read')),
  );

  app.post(
    '/api/v1/service-certificates/:id/revoke',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '撤销志愿服务记录证明', params: certIdParams, body: serviceCertificateRevoke },
    },
    async (req) => service.revoke(requireActor(req), req.params.id, req.body.reason, req.id),
  );

  // public verification (no login): never the ID number or phone
  app.get(
    '/api/v1/public/service-certificates/:number',
    { schema: { tags, summary: '核验志愿服务记录证明', params: numberParams } },
    async (req) => service.verify(req.params.number),
  );
};
