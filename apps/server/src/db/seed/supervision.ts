import {
  type AnnualReportContent,
  annualReportContent,
  annualReportWindow,
  mustReport,
  type ReportingTier,
} from '@linli/core';
import type { Tx } from '../client';
import { annualReportHistory, annualReports } from '../schema';
import type { Rng } from './names';
import type { GeneratedOrg } from './orgs';

const dayMs = 86_400_000;
const shift = (d: string, days: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
const at = (d: string, hour: number) => new Date(`${d}T${String(hour).padStart(2, '0')}:20:00+08:00`);

function content(rng: Rng, g: GeneratedOrg, year: number): AnnualReportContent {
  const activities = rng.int(4, 24);
  const titles = g.activityTitles.length ? g.activityTitles : ['社区服务活动'];
  const project = rng.pick(titles);
  const income = rng.int(2, 40) * 50_000;
  const spent = Math.round(income * (0.6 + rng.float() * 0.35));
  return annualReportContent.parse({
    summary: `${year}年，${g.org.name}围绕“${project}”等内容开展活动 ${activities} 次，成员积极参与，组织运转规范，服务社区居民。`,
    activitiesHeld: activities,
    participants: activities * rng.int(12, 45),
    projects: rng.chance(0.85)
      ? [{ name: project, beneficiaries: rng.int(30, 400), spentFen: Math.round(spent * 0.7) }]
      : [],
    members: { count: Math.max(3, g.org.memberCount ?? 0), joined: rng.int(0, 6), left: rng.int(0, 3) },
    leaderChanged: false,
    income: [
      { source: rng.chance(0.5) ? 'government_purchase' : 'subsidy', amountFen: Math.round(income * 0.8) },
      { source: 'donation', amountFen: Math.round(income * 0.2) },
    ],
    spending: [
      { purpose: 'activities', amountFen: Math.round(spent * 0.3) },
      { purpose: 'projects', amountFen: Math.round(spent * 0.7) },
    ],
    partyBuilding: rng.chance(0.4) ? '建立党的工作小组，开展主题党日活动。' : '',
    volunteerWork: '志愿服务时长在平台记录。',
    training: rng.chance(0.6) ? [{ course: '社区社会组织能力建设培训', hours: rng.int(2, 8) }] : [],
    disclosure: '在社区公告栏公开年度活动和收支情况。',
  });
}

/**
 * Annual reports of the last three report years for the demo's filed and registered
 * organizations, reviewed by the street or the district: most on time and passed, some late,
 * a few basically passed or failed, about one in ten never sent (the credit-list rules list those
 * when the server starts). The leader's organization has not sent last year's report yet, so the
 * demo leader can fill it in.
 */
export async function seedAnnualReports(
  tx: Tx,
  opts: {
    rng: Rng;
    orgs: GeneratedOrg[];
    today: string;
    leaderOrgId: string;
    reviewers: { street: { id: string; name: string }; district: { id: string; name: string } };
  },
): Promise<number> {
  const { rng, today } = opts;
  const lastYear = Number(today.slice(0, 4)) - 1;
  const reports: (typeof annualReports.$inferInsert)[] = [];
  const history: (typeof annualReportHistory.$inferInsert)[] = [];
  for (const g of opts.orgs) {
    const o = g.org;
    if (o.tier !== 'filed' && o.tier !== 'registered') continue;
    const tier = o.tier as ReportingTier;
    const ro = {
      tier,
      liveSince: (tier === 'filed' ? o.filedOn : o.registeredOn) ?? null,
      exitedOn: o.exitedOn ?? null,
    };
    for (let year = lastYear - 2; year <= lastYear; year++) {
      if (!mustReport(ro, year)) continue;
      const w = annualReportWindow(tier, year);
      if (w.opensOn > today) continue;
      if (o.id === opts.leaderOrgId && year === lastYear) continue;
      const roll = rng.float();
      if (roll < 0.1 || o.status === 'dormant') continue; // never sent
      const late = roll > 0.92;
      const submittedOn = late ? shift(w.deadline, rng.int(3, 40)) : shift(w.deadline, -rng.int(2, 70));
      if (submittedOn > today) continue;
      const reviewedOn = shift(submittedOn, rng.int(3, 20));
      const reviewed = reviewedOn <= today;
      const r = rng.float();
      const status = !reviewed ? 'submitted' : r < 0.05 ? 'fail' : r < 0.18 ? 'basic_pass' : 'pass';
      const reviewer = tier === 'filed' ? opts.reviewers.street : opts.reviewers.district;
      const id = crypto.randomUUID();
      const c = content(rng, g, year);
      reports.push({
        id,
        organizationId: o.id,
        reportYear: year,
        tier,
        regionCode: o.regionCode,
        status,
        content: c,
        deadline: w.deadline,
        firstSubmittedOn: submittedOn,
        submittedAt: at(submittedOn, 10),
        reviewedAt: reviewed ? at(reviewedOn, 15) : null,
        reviewedBy: reviewed ? reviewer.id : null,
        reviewReason: status === 'fail' ? '财务收支情况未如实填报，活动记录与实际不符' : null,
        version: reviewed ? 3 : 2,
        createdAt: at(shift(submittedOn, -5), 9),
        updatedAt: at(reviewed ? reviewedOn : submittedOn, 15),
      });
      history.push({
        reportId: id,
        event: 'submit',
        fromStatus: 'draft',
        toStatus: 'submitted',
        content: c,
        actorName: `${o.name} ${o.leaderName}`,
        at: at(submittedOn, 10),
      });
      if (reviewed)
        history.push({
          reportId: id,
          event: status,
          fromStatus: 'submitted',
          toStatus: status,
          reason: status === 'fail' ? '财务收支情况未如实填报，活动记录与实际不符' : null,
          content: c,
          actorId: reviewer.id,
          actorName: reviewer.name,
          at: at(reviewedOn, 15),
        });
    }
  }
  for (let i = 0; i < reports.length; i += 500)
    await tx.insert(annualReports).values(reports.slice(i, i + 500));
  for (let i = 0; i < history.length; i += 500)
    await tx.insert(annualReportHistory).values(history.slice(i, i + 500));
  return reports.length;
}
