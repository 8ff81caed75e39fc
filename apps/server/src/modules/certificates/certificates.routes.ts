import { tierLabels } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { can } from '../../lib/authz/scope';
import { renderFilingCertificate } from '../../lib/documents/filingCertificate';
import { notFound } from '../../lib/errors';
import { contentDisposition, requireActor, requireLogin } from '../../lib/http';
import { createCertificateRepo } from './certificates.repo';

export const certNumberParams = z.object({ number: z.string().min(4).max(60) });

/** The public address a certificate's QR code opens. */
export function verifyUrl(base: string, number: string) {
  return `${base.replace(/\/$/, '')}/public/verify/${encodeURIComponent(number)}`;
}

export const certificateRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const repo = createCertificateRepo(deps.database);
  app.get(
    '/api/v1/certificates/:number/pdf',
    {
      preHandler: requireLogin,
      schema: { tags: ['certificates'], summary: '下载备案证书（PDF）', params: certNumberParams },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const c = await repo.get(req.params.number);
      if (!c || !can(actor, 'org.read', { regionCode: c.regionCode, organizationId: c.organizationId }))
        throw notFound('证书');
      const base = deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
      const p = c.particulars;
      const pdf = await renderFilingCertificate({
        number: c.number,
        name: p.name,
        tierLabel: tierLabels.filed,
        categoryName: p.categoryName,
        leaderNameMasked: p.leaderNameMasked,
        businessScope: p.businessScope,
        venue: p.venue,
        communityName: p.communityName,
        streetName: p.streetName,
        districtName: c.districtName ?? '',
        filedOn: c.issuedOn,
        issuer: c.issuerName,
        verifyUrl: verifyUrl(base, c.number),
      });
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(`备案证书-${c.number}.pdf`));
      return reply.send(pdf);
    },
  );
};
