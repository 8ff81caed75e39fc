import { residentAccountInput, residentLoginInput, starLevelForMinutes, todayInShanghai } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app';
import { hashPassword, randomToken, verifyPassword } from '../../lib/crypto';
import { conflict, tooMany, unauthorized, unprocessable } from '../../lib/errors';
import { requireVolunteer } from '../../lib/http';
import { CSRF_COOKIE, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/sessions';
import { loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ID = 5;
const MAX_FAILURES_PER_IP = 30;

/**
 * Residents' own accounts: a registered volunteer opens a sign-in account with their ID number,
 * the phone on the record and a password, then signs in on the H5 pages with ID number + password.
 * The account is a user row linked to the volunteer (users.volunteer_id), holding no grants.
 */
export const residentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { database, sessions, clock, audit, pii } = deps;
  const tags = ['resident'];
  const cookieOpts = (secure: boolean) => ({
    path: '/',
    sameSite: 'lax' as const,
    secure,
    maxAge: SESSION_TTL_MS / 1000,
  });

  async function rateLimit(key: string, ip: string, now: Date) {
    const [fails] = await database.query<{ by_key: number; by_ip: number }>(
      `select count(*) filter (where username = $1)::int as by_key, count(*) filter (where ip = $2)::int as by_ip
         from login_attempts where ok = 0 and at > $3 and (username = $1 or ip = $2)`,
      [key, ip, new Date(now.getTime() - WINDOW_MS)],
    );
    if (fails.by_key >= MAX_FAILURES_PER_ID || fails.by_ip >= MAX_FAILURES_PER_IP) {
      throw tooMany('尝试次数过多，请 15 分钟后再试');
    }
  }
  const attempt = (key: string, ip: string, ok: boolean, now: Date) =>
    database.query('insert into login_attempts (username, ip, ok, at) values ($1, $2, $3, $4)', [
      key,
      ip,
      ok ? 1 : 0,
      now,
    ]);

  app.post(
    '/api/v1/public/volunteers/account',
    {
      schema: {
        tags,
        summary: '志愿者开通登录账号（身份证号 + 登记手机号 + 密码）',
        security: [],
        body: residentAccountInput,
      },
    },
    async (req, reply) => {
      const now = clock.now();
      const hmac = pii.blindIndex(req.body.idNumber);
      const key = `vol:${hmac.slice(0, 24)}`;
      await rateLimit(key, req.ip, now);
      const [v] = await database.query<{
        id: string;
        volunteer_number: string;
        real_name: string;
        phone_enc: string;
        region_code: string;
        status: string;
        user_id: string | null;
      }>(
        `select v.id, v.volunteer_number, v.real_name, v.phone_enc, v.region_code, v.status, u.id as user_id
           from volunteers v left join users u on u.volunteer_id = v.id where v.id_number_hmac = $1`,
        [hmac],
      );
      const phoneMatches = !!v && pii.decrypt(v.phone_enc) === req.body.phone;
      if (!v || !phoneMatches) {
        await attempt(key, req.ip, false, now);
        throw unprocessable('身份证号与登记的手机号不匹配，请先完成志愿者注册或联系社区核对', {
          phone: '与登记信息不一致',
        });
      }
      if (v.status !== 'active') throw unprocessable('志愿者状态为停用，请联系社区', {});
      if (v.user_id) throw conflict('该志愿者已开通账号，请直接登录', { idNumber: '已开通账号' });
      const hash = await hashPassword(req.body.password);
      const userId = await database.db.transaction(async (tx) => {
        const [u] = await database.query<{ id: string }>(
          `insert into users (username, display_name, password_hash, volunteer_id) values ($1, $2, $3, $4)
             on conflict do nothing returning id`,
          [v.volunteer_number, v.real_name, hash, v.id],
        );
        if (!u) throw conflict('该志愿者已开通账号，请直接登录', { idNumber: '已开通账号' });
        await audit.record(tx, {
          actor: { id: u.id, name: v.real_name },
          action: 'volunteer.account_opened',
          entity: ['volunteer', v.id],
          regionCode: v.region_code,
          requestId: req.id,
        });
        return u.id;
      });
      await attempt(key, req.ip, true, now);
      const token = await sessions.create(userId, req.headers['user-agent'], now);
      const secure = req.protocol === 'https';
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts(secure), httpOnly: true });
      reply.setCookie(CSRF_COOKIE, randomToken(18), { ...cookieOpts(secure), httpOnly: false });
      return reply.code(201).send({ volunteerId: v.id, volunteerNumber: v.volunteer_number });
    },
  );

  app.post(
    '/api/v1/public/volunteers/login',
    { schema: { tags, summary: '志愿者登录（身份证号 + 密码）', security: [], body: residentLoginInput } },
    async (req, reply) => {
      const now = clock.now();
      const hmac = pii.blindIndex(req.body.idNumber.toUpperCase());
      const key = `vol:${hmac.slice(0, 24)}`;
      await rateLimit(key, req.ip, now);
      const [u] = await database.query<{
        id: string;
        password_hash: string;
        status: string;
        volunteer_id: string;
        real_name: string;
        volunteer_status: string;
      }>(
        `select u.id, u.password_hash, u.status, u.volunteer_id, v.real_name, v.status as volunteer_status
           from volunteers v join users u on u.volunteer_id = v.id where v.id_number_hmac = $1`,
        [hmac],
      );
      const ok =
        !!u &&
        u.status === 'active' &&
        u.volunteer_status === 'active' &&
        (await verifyPassword(req.body.password, u.password_hash));
      await attempt(key, req.ip, ok, now);
      if (!ok || !u) throw unauthorized('身份证号或密码错误');
      const token = await sessions.create(u.id, req.headers['user-agent'], now);
      const secure = req.protocol === 'https';
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts(secure), httpOnly: true });
      reply.setCookie(CSRF_COOKIE, randomToken(18), { ...cookieOpts(secure), httpOnly: false });
      return { volunteerId: u.volunteer_id, displayName: u.real_name };
    },
  );

  app.get(
    '/api/v1/me/volunteer',
    { schema: { tags, summary: '我的志愿者信息（时长、星级、积分）' } },
    async (req) => {
      const { volunteerId } = requireVolunteer(req);
      const [v] = await database.query<{
        id: string;
        volunteer_number: string;
        real_name: string;
        id_number_masked: string;
        phone_masked: string;
        region_code: string;
        region_name: string | null;
        street_name: string | null;
        skills: string[];
        interests: string[];
        created_at: string | Date;
        minutes: number | null;
        checkin_minutes: number | null;
        backfill_minutes: number | null;
        records: number | null;
        balance: number | null;
      }>(
        `select v.id, v.volunteer_number, v.real_name, v.id_number_masked, v.phone_masked, v.region_code,
                r.name as region_name, s.name as street_name, v.skills, v.interests, v.created_at,
                t.minutes, t.checkin_minutes, t.backfill_minutes, t.records, b.balance
           from volunteers v
           left join regions r on r.code = v.region_code
           left join regions s on s.code = substr(v.region_code, 1, 9) || '000'
           left join volunteer_totals t on t.volunteer_id = v.id
           left join point_balances b on b.volunteer_id = v.id
          where v.id = $1`,
        [volunteerId],
      );
      const config = await loadVolunteerConfig(database);
      const minutes = v.minutes ?? 0;
      // stars count lifetime hours, or only this year's where the deployment says so
      let starMinutes = minutes;
      if (config.stars.basis === 'year') {
        const year = todayInShanghai(clock.now()).slice(0, 4);
        const [y] = await database.query<{ m: number }>(
          `select coalesce(sum(minutes), 0)::int as m from service_records
            where volunteer_id = $1 and status = 'valid' and service_date between $2 and $3`,
          [volunteerId, `${year}-01-01`, `${year}-12-31`],
        );
        starMinutes = y.m;
      }
      return {
        id: v.id,
        volunteerNumber: v.volunteer_number,
        realName: v.real_name,
        idNumberMasked: v.id_number_masked,
        phoneMasked: v.phone_masked,
        regionCode: v.region_code,
        regionName: v.region_name,
        streetName: v.street_name,
        skills: v.skills,
        interests: v.interests,
        registeredAt: new Date(v.created_at).toISOString(),
        minutes,
        checkinMinutes: v.checkin_minutes ?? 0,
        backfillMinutes: v.backfill_minutes ?? 0,
        records: v.records ?? 0,
        star: { ...starLevelForMinutes(starMinutes, config.stars), basis: config.stars.basis },
        points: v.balance ?? 0,
      };
    },
  );
};
