import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';
import { publicActivityRoutes } from './activities/activities.public.routes';
import { activityRoutes } from './activities/activities.routes';
import { applicationRoutes } from './applications/applications.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { certificateRoutes } from './certificates/certificates.routes';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { filingReportRoutes } from './dashboard/filingReport.routes';
import { importRoutes } from './organizations/import.routes';
import { memberRoutes } from './organizations/members.routes';
import { organizationRoutes } from './organizations/organizations.routes';
import { publicRoutes } from './public/public.routes';
import { regionRoutes } from './regions/regions.routes';
import { residentRoutes } from './resident/resident.routes';
import { serviceRoutes } from './service/service.routes';
import { settingsRoutes } from './settings/settings.routes';
import { userRoutes } from './users/users.routes';
import { teamRoutes } from './volunteers/teams.routes';
import { volunteerImportRoutes } from './volunteers/volunteers.import.routes';
import { volunteerRoutes } from './volunteers/volunteers.routes';

/** The one place where server modules are wired. */
export async function registerModules(app: FastifyInstance, deps: AppDeps) {
  await app.register(authRoutes, deps);
  await app.register(regionRoutes, deps);
  await app.register(importRoutes, deps);
  await app.register(organizationRoutes, deps);
  await app.register(memberRoutes, deps);
  await app.register(applicationRoutes, deps);
  await app.register(certificateRoutes, deps);
  await app.register(publicRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await app.register(filingReportRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(settingsRoutes, deps);
  await app.register(volunteerImportRoutes, deps);
  await app.register(volunteerRoutes, deps);
  await app.register(teamRoutes, deps);
  await app.register(activityRoutes, deps);
  await app.register(publicActivityRoutes, deps);
  await app.register(residentRoutes, deps);
  await app.register(serviceRoutes, deps);
}
