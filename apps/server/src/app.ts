import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config';
import { type Database, expectedMigrationCount } from './db/client';
import type { Audit } from './lib/audit';
import type { Clock } from './lib/clock';
import type { Pii } from './lib/crypto';
import { AppError } from './lib/errors';
import { requestContext } from './lib/requestContext';
import { registerModules } from './modules';
import { CSRF_COOKIE, createSessionStore, SESSION_COOKIE, type SessionStore } from './modules/auth/sessions';

z.config(z.locales.zhCN());

export type AppDeps = {
  database: Database;
  pii: Pii;
  audit: Audit;
  clock: Clock;
  sessions: SessionStore;
  config: Pick<Config, 'publicUrl'>;
};

export type BuildOptions = {
  database: Database;
  pii: Pii;
  audit: Audit;
  clock: Clock;
  config?: Pick<Config, 'publicUrl' | 'logLevel'>;
  /** folder of the built web app to serve (optional) */
  webDist?: string;
  logger?: boolean;
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: opts.config?.logLevel ?? 'info' } : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Linli 邻里 API', version: '1.0.0', description: '社区社会组织培育发展与监管服务平台' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRequest', (req, _reply, done) => requestContext.run({ requestId: req.id }, done));
  const sessions = createSessionStore(opts.database);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.actor = token ? await sessions.actorFor(token, opts.clock.now()) : null;
    if (MUTATING.has(req.method) && !CSRF_EXEMPT.has(req.routeOptions.url ?? req.url.split('?')[0])) {
      const cookie = req.cookies[CSRF_COOKIE];
      const header = req.headers['x-csrf-token'];
      if (req.actor && (!cookie || cookie !== header)) {
        return reply.code(403).send({ error: { code: 'csrf', message: '请求校验失败，请刷新页面后重试' } });
      }
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .code(err.status)
        .send({ error: { code: err.code, message: err.message, fields: err.fields } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const v of err.validation) {
        const key =
          v.instancePath.replace(/^\//, '').replaceAll('/', '.') || String(v.params?.missingProperty ?? '_');
        fields[key] ??= v.message ?? '格式不正确';
      }
      const first = Object.entries(fields)[0];
      return reply.code(400).send({
        error: {
          code: 'validation',
          message: first ? `${first[1]}（${first[0]}）` : '请求格式不正确',
          fields,
        },
      });
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_FILES_LIMIT' || e.statusCode === 413) {
      return reply.code(413).send({
        error: { code: 'too_large', message: '文件过大（不超过 10 MB）', fields: { file: '文件过大' } },
      });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply
        .code(e.statusCode)
        .send({ error: { code: e.code ?? 'bad_request', message: '请求格式不正确' } });
    }
    req.log.error(err);
    return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
  });

  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查' } }, async (_req, reply) => {
    try {
      const [row] = await opts.database.query<{ n: number }>(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      const expected = expectedMigrationCount();
      if (row.n < expected) return reply.code(503).send({ status: 'migrating', migrations: row.n, expected });
      return { status: 'ok', database: opts.database.kind, migrations: row.n };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  const deps: AppDeps = {
    database: opts.database,
    pii: opts.pii,
    audit: opts.audit,
    clock: opts.clock,
    sessions,
    config: { publicUrl: opts.config?.publicUrl },
  };
  await registerModules(app, deps);

  const webDist = opts.webDist;
  if (webDist && fs.existsSync(path.join(webDist, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: false });
    const appPage = (reply: FastifyReply) =>
      reply
        .type('text/html')
        .header('cache-control', 'no-cache')
        .send(fs.readFileSync(path.join(webDist, 'index.html')));
    app.get('/', { schema: { hide: true } }, (_req, reply) => appPage(reply));
    app.setNotFoundHandler((req, reply) => {
      const url = req.url.split('?')[0];
      if (url.startsWith('/api/') || url.startsWith('/assets/') || req.method !== 'GET') {
        return reply.code(404).send({ error: { code: 'not_found', message: '接口或文件不存在' } });
      }
      // client-side routes get the app page
      return appPage(reply);
    });
  } else {
    app.setNotFoundHandler((_req, reply) =>
      reply.code(404).send({ error: { code: 'not_found', message: '接口不存在' } }),
    );
  }
  return app;
}
