import { randomBytes } from 'node:crypto';
import { buildApp } from './app';
import { loadConfig } from './config';
import { seedDemo } from './db/seed/demo';
import { startCreditRulesTimer } from './modules/creditLists/creditRules.job';
import { startPointExpiryTimer } from './modules/points/points.expiry';
import { openRuntime, webDist } from './runtime';

const config = loadConfig();
const rt = await openRuntime(config);

const [{ n }] = await rt.database.query<{ n: number }>('select count(*)::int as n from users');
let demo: { accounts: { username: string; role: string; scope: string }[]; password: string } | null = null;
if (n === 0 && config.seed === 'demo') {
  const password = config.demoPassword ?? randomBytes(9).toString('base64url');
  console.log('首次启动：正在载入演示数据（深圳市南山区）… / First start: loading the demo data…');
  const r = await seedDemo({ ...rt, password });
  demo = { accounts: r.accounts, password };
}

const app = await buildApp({ ...rt, config, webDist, logger: true });
await app.listen({ port: config.port, host: config.host });
// daily write-off of expired volunteer points (00:10 Asia/Shanghai)
const stopPointExpiry = startPointExpiryTimer(rt.database, rt.clock, (msg) => app.log.info(msg));
// daily credit-list rules (on start, then 00:30 Asia/Shanghai; one instance per day)
const stopCreditRules = startCreditRulesTimer(rt, (msg) => app.log.info(msg));
const url = config.publicUrl ?? `http://localhost:${config.port}`;
console.log(`\n邻里 Linli 已启动 / running: ${url}`);
console.log(
  `  数据库 / database: ${rt.database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`,
);
console.log(`  接口文档 / API docs: ${url}/api/docs`);
if (demo) {
  console.log('  演示账号 / demo accounts (password 密码: %s):', demo.password);
  for (const a of demo.accounts) console.log(`    ${a.username.padEnd(10)} ${a.role.padEnd(18)} ${a.scope}`);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, async () => {
    stopPointExpiry();
    stopCreditRules();
    await app.close();
    await rt.database.close();
    process.exit(0);
  });
}
