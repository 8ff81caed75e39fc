import { describe, expect, it } from 'vitest';
import { availableEvents, transition } from '../workflows/flow';
import {
  appealOpen,
  type ComputedIndicator,
  canAppeal,
  canCloseRound,
  computedScore,
  defaultEvaluationCutoffs,
  defaultEvaluationScheme,
  type EvaluationMetricValues,
  type EvaluationScheme,
  evaluationAppealFlow,
  evaluationEligibility,
  evaluationLevel,
  evaluationMetricDefs,
  evaluationMetrics,
  evaluationRoundFlow,
  postingEndsOn,
  scoreOrganization,
  scoringOpenFor,
  strengthsAndWeaknesses,
  validateEvaluationCutoffs,
  validateEvaluationScheme,
  validateManualScores,
} from './evaluation';

const computed = (rule: ComputedIndicator['rule'], maxScore = 10): ComputedIndicator => ({
  code: 'x',
  name: '测试指标',
  maxScore,
  source: 'computed',
  metric: 'activities_held',
  rule,
});

/** A scheme with one manual and one computed indicator per dimension is too big for hand sums: a small one. */
const small: EvaluationScheme = {
  name: '测试方案',
  dimensions: [
    {
      code: 'a',
      name: '日常活动',
      weight: 60,
      indicators: [
        {
          code: 'a.count',
          name: '活动次数',
          maxScore: 30,
          source: 'computed',
          metric: 'activities_held',
          rule: { kind: 'linear', per: 1, cap: 30 },
        },
        { code: 'a.quality', name: '活动质量', maxScore: 30, source: 'manual' },
      ],
    },
    {
      code: 'b',
      name: '制度建设',
      weight: 40,
      indicators: [{ code: 'b.rules', name: '制度健全', maxScore: 40, source: 'manual' }],
    },
  ],
};

describe('default scheme', () => {
  it('has Shenzhen’s ten dimensions totalling 100 points and validates clean', () => {
    expect(defaultEvaluationScheme.dimensions.map((d) => d.name)).toEqual([
      '党建工作',
      '组织架构与分工',
      '成员管理',
      '会议与服务制度',
      '日常活动与服务记录',
      '能力建设',
      '政府购买项目评估',
      '信用记录',
      '年度报告',
      '奖惩情况',
    ]);
    expect(defaultEvaluationScheme.dimensions.reduce((s, d) => s + d.weight, 0)).toBe(100);
    for (const d of defaultEvaluationScheme.dimensions) {
      expect(d.indicators.length).toBeGreaterThanOrEqual(1);
      expect(d.indicators.length).toBeLessThanOrEqual(3);
    }
    const sources = defaultEvaluationScheme.dimensions.flatMap((d) => d.indicators.map((i) => i.source));
    expect(sources).toContain('manual');
    expect(sources).toContain('computed');
    expect(validateEvaluationScheme(defaultEvaluationScheme)).toEqual([]);
  });

  it('every metric has a Chinese label; none measures clicks or time on the app', () => {
    for (const m of evaluationMetrics) expect(evaluationMetricDefs[m].label).toMatch(/[\u4e00-\u9fa5]/);
    expect(evaluationMetrics.some((m) => /login|like|click|visit/.test(m))).toBe(false);
  });
});

describe('scheme validation', () => {
  it('weights must add up to 100 and indicators to their dimension', () => {
    const bad: EvaluationScheme = {
      ...small,
      dimensions: [{ ...small.dimensions[0], weight: 55 }, small.dimensions[1]],
    };
    expect(validateEvaluationScheme(bad)).toEqual([
      { path: 'dimensions.0.indicators', message: '“日常活动”的二级指标满分合计应为 55 分，当前为 60 分' },
      { path: 'dimensions', message: '一级指标分值合计应为 100 分，当前为 95 分' },
    ]);
  });

  it('decimal points add up exactly (0.1 + 0.2 is 0.3 here)', () => {
    const s: EvaluationScheme = {
      name: '小数',
      dimensions: [
        {
          code: 'a',
          name: '甲',
          weight: 0.3,
          indicators: [
            { code: 'a1', name: '甲一', maxScore: 0.1, source: 'manual' },
            { code: 'a2', name: '甲二', maxScore: 0.2, source: 'manual' },
          ],
        },
        {
          code: 'b',
          name: '乙',
          weight: 99.7,
          indicators: [{ code: 'b1', name: '乙一', maxScore: 99.7, source: 'manual' }],
        },
      ],
    };
    expect(validateEvaluationScheme(s)).toEqual([]);
  });

  it('codes are unique, names and points are required, rules fit the indicator', () => {
    const s: EvaluationScheme = {
      name: ' ',
      dimensions: [
        {
          code: 'a',
          name: '',
          weight: 50,
          indicators: [
            { code: 'a', name: '重复编码', maxScore: 10, source: 'manual' },
            {
              code: 'a.steps',
              name: '分档',
              maxScore: 20,
              source: 'computed',
              metric: 'activities_held',
              rule: {
                kind: 'threshold',
                steps: [
                  { atLeast: 6, score: 10 },
                  { atLeast: 12, score: 25 },
                ],
              },
            },
            {
              code: 'a.bool',
              name: '是否',
              maxScore: 20,
              source: 'computed',
              metric: 'credit_clean',
              rule: { kind: 'linear', per: 1, cap: 20 },
            },
          ],
        },
        {
          code: 'b',
          name: '乙',
          weight: 50.25,
          indicators: [{ code: '', name: '乙一', maxScore: 0, source: 'manual' }],
        },
      ],
    };
    expect(validateEvaluationScheme(s)).toEqual([
      { path: 'name', message: '请填写评价方案名称' },
      { path: 'dimensions.0.name', message: '请填写指标名称' },
      { path: 'dimensions.0.indicators.0.code', message: '指标编码“a”重复' },
      { path: 'dimensions.0.indicators.1.rule.steps.1.score', message: '得分不能超过该指标满分 20 分' },
      {
        path: 'dimensions.0.indicators.1.rule.steps.1.atLeast',
        message: '各档门槛须从高到低排列，且不能重复',
      },
      { path: 'dimensions.0.indicators.2.rule', message: '该数据项为“是/否”，请使用是否计分' },
      { path: 'dimensions.1.weight', message: '分值须为大于 0 的数，最多保留一位小数' },
      { path: 'dimensions.1.indicators.0.code', message: '请填写指标编码' },
      { path: 'dimensions.1.indicators.0.maxScore', message: '分值须为大于 0 的数，最多保留一位小数' },
    ]);
  });

  it('a step with a lower threshold must score lower; boolean and linear scores stay within the maximum', () => {
    const ind = (rule: ComputedIndicator['rule']) => ({
      name: '方案',
      dimensions: [{ code: 'd', name: '维度', weight: 100, indicators: [computed(rule, 100)] }],
    });
    expect(
      validateEvaluationScheme(
        ind({
          kind: 'threshold',
          steps: [
            { atLeast: 12, score: 50 },
            { atLeast: 6, score: 50 },
          ],
        }),
      ),
    ).toEqual([{ path: 'dimensions.0.indicators.0.rule.steps.1.score', message: '门槛越低得分应越低' }]);
    expect(validateEvaluationScheme(ind({ kind: 'boolean', score: 101 }))[0].message).toBe(
      '得分不能超过该指标满分 100 分',
    );
    expect(validateEvaluationScheme(ind({ kind: 'linear', per: 0, cap: 120 })).map((p) => p.message)).toEqual(
      ['每单位得分须大于 0', '最高得分不能超过该指标满分 100 分'],
    );
    expect(validateEvaluationScheme(ind({ kind: 'threshold', steps: [] }))[0].message).toBe(
      '请至少设置一档计分标准',
    );
  });
});

describe('computed scores', () => {
  it('threshold: the best step reached; exactly on a threshold counts', () => {
    const i = computed({
      kind: 'threshold',
      steps: [
        { atLeast: 12, score: 10 },
        { atLeast: 6, score: 6 },
      ],
    });
    expect(computedScore(i, { activities_held: 12 })).toBe(10);
    expect(computedScore(i, { activities_held: 11 })).toBe(6);
    expect(computedScore(i, { activities_held: 6 })).toBe(6);
    expect(computedScore(i, { activities_held: 5 })).toBe(0);
    expect(computedScore(i, {})).toBe(0);
  });
  it('boolean, linear with a cap, deduction not below 0; bad values count as 0', () => {
    expect(
      computedScore(
        { ...computed({ kind: 'boolean', score: 4 }), metric: 'credit_clean' },
        { credit_clean: true },
      ),
    ).toBe(4);
    expect(
      computedScore(
        { ...computed({ kind: 'boolean', score: 4 }), metric: 'credit_clean' },
        { credit_clean: false },
      ),
    ).toBe(0);
    const hours = { ...computed({ kind: 'linear', per: 0.02, cap: 6 }, 6), metric: 'service_hours' as const };
    expect(computedScore(hours, { service_hours: 150 })).toBe(3);
    expect(computedScore(hours, { service_hours: 123 })).toBe(2.46);
    expect(computedScore(hours, { service_hours: 300 })).toBe(6);
    expect(computedScore(hours, { service_hours: 5000 })).toBe(6);
    expect(computedScore(hours, { service_hours: -10 })).toBe(0);
    expect(computedScore(hours, { service_hours: Number.NaN })).toBe(0);
    const pen = { ...computed({ kind: 'deduction', per: 3 }, 8), metric: 'penalties_count' as const };
    expect(computedScore(pen, { penalties_count: 0 })).toBe(8);
    expect(computedScore(pen, { penalties_count: 2 })).toBe(2);
    expect(computedScore(pen, { penalties_count: 3 })).toBe(0);
  });
});

describe('scoring an organization', () => {
  const metrics: EvaluationMetricValues = { activities_held: 20 };

  it('means the evaluators’ scores, adds the computed ones, lists what is missing', () => {
    const r = scoreOrganization(
      small,
      {
        e1: { 'a.quality': 25, 'b.rules': 30 },
        e2: { 'a.quality': 26, 'b.rules': 35 },
        e3: { 'a.quality': 28 },
      },
      metrics,
    );
    // a.quality = (25 + 26 + 28) / 3 = 26.333… → 26.33; b.rules = (30 + 35) / 2 = 32.5
    expect(r.dimensions.map((d) => d.indicators.map((i) => i.score))).toEqual([[20, 26.33], [32.5]]);
    expect(r.dimensions.map((d) => d.score)).toEqual([46.33, 32.5]);
    expect(r.total).toBe(78.8);
    expect(r.dimensions[0].indicators[1].evaluatorCount).toBe(3);
    expect(r.dimensions[0].indicators[0].metricValue).toBe(20);
    expect(r.missing).toEqual([{ indicatorCode: 'b.rules', indicatorName: '制度健全', evaluatorId: 'e3' }]);
    expect(r.complete).toBe(false);
    expect(r.errors).toEqual([]);
  });

  it('rounds half up, exactly: a 59.95 total is 60.0, not 59.9', () => {
    const r = scoreOrganization(
      small,
      { e1: { 'a.quality': 10, 'b.rules': 29.9 }, e2: { 'a.quality': 10.1, 'b.rules': 30 } },
      { activities_held: 0 },
    );
    // a.quality 10.05, b.rules 29.95 → subtotal 10.05 + 29.95 (two hundredths-exact sums) = 40.00
    expect(r.total).toBe(40);
    const r2 = scoreOrganization(
      small,
      { e1: { 'a.quality': 20, 'b.rules': 19.9 }, e2: { 'a.quality': 20, 'b.rules': 20 } },
      { activities_held: 20 },
    );
    // 20 + 20 + 19.95 = 59.95 → 60.0
    expect(r2.total).toBe(60);
    expect(evaluationLevel(r2.total).label).toBe('合格');
  });

  it('assigned evaluators who have not scored are missing; nobody named → missing without an evaluator', () => {
    const r = scoreOrganization(small, { e1: { 'a.quality': 30, 'b.rules': 40 } }, metrics, {
      evaluators: ['e1', 'e2'],
    });
    expect(r.missing.map((m) => `${m.evaluatorId}:${m.indicatorCode}`)).toEqual([
      'e2:a.quality',
      'e2:b.rules',
    ]);
    // e1 alone: 20 + 30 + 40
    expect(r.total).toBe(90);
    const none = scoreOrganization(small, {}, metrics);
    expect(none.missing).toEqual([
      { indicatorCode: 'a.quality', indicatorName: '活动质量', evaluatorId: null },
      { indicatorCode: 'b.rules', indicatorName: '制度健全', evaluatorId: null },
    ]);
    expect(none.total).toBe(20);
  });

  it('invalid scores are reported in Chinese and left out of the means', () => {
    const scores = {
      e1: { 'a.quality': 31, 'b.rules': 20.25, 'a.count': 5, zz: 1 },
      e2: { 'a.quality': 20, 'b.rules': -1 },
      e3: { 'a.quality': 10 },
    };
    expect(validateManualScores(small, scores, ['e1', 'e2'])).toEqual([
      { evaluatorId: 'e1', indicatorCode: 'a.quality', message: '“活动质量”的评分应在 0–30 分之间' },
      { evaluatorId: 'e1', indicatorCode: 'b.rules', message: '“制度健全”的评分最多保留一位小数' },
      {
        evaluatorId: 'e1',
        indicatorCode: 'a.count',
        message: '“活动次数”由系统根据记录自动计分，无需人工评分',
      },
      { evaluatorId: 'e1', indicatorCode: 'zz', message: '评价方案中没有编码为“zz”的指标' },
      { evaluatorId: 'e2', indicatorCode: 'b.rules', message: '“制度健全”的评分应在 0–40 分之间' },
      { evaluatorId: 'e3', indicatorCode: '', message: '该评审人员未被指派参加本轮评价' },
    ]);
    const r = scoreOrganization(small, scores, metrics, { evaluators: ['e1', 'e2'] });
    expect(r.dimensions[0].indicators[1]).toMatchObject({ score: 20, evaluatorCount: 1 });
    expect(r.dimensions[1].indicators[0]).toMatchObject({ score: 0, evaluatorCount: 0 });
    expect(r.errors).toHaveLength(6);
    expect(r.complete).toBe(false);
  });

  it('the default scheme from recorded metrics and two evaluators', () => {
    const manualCodes = defaultEvaluationScheme.dimensions.flatMap((d) =>
      d.indicators.filter((i) => i.source === 'manual').map((i) => [i.code, i.maxScore] as const),
    );
    const full = Object.fromEntries(manualCodes);
    const lessOne = Object.fromEntries(manualCodes.map(([c, m]) => [c, m - 1]));
    const r = scoreOrganization(
      defaultEvaluationScheme,
      { a: full, b: lessOne },
      {
        party_organization: true,
        members_count: 12,
        activities_held: 30,
        service_hours: 200,
        leader_trainings: 1,
        projects_run: 1,
        purchased_project_score: 85,
        annual_report_on_time: true,
        annual_report_passed: true,
        credit_clean: true,
        awards_count: 1,
        penalties_count: 0,
      },
    );
    expect(r.complete).toBe(true);
    const by = Object.fromEntries(r.dimensions.map((d) => [d.code, d.score]));
    expect(by).toEqual({
      party: 9.5, // 6 + 3.5
      structure: 7, // 3.5 + 3.5
      members: 6.5, // 3 (12 members) + 3.5
      rules: 7,
      activities: 17.5, // 8 + 4 (200 h) + 5.5
      capacity: 7.5, // 3 + 4.5
      projects: 8, // 3 + 5
      credit: 10,
      annual_report: 8,
      rewards: 6, // 2 + 4
    });
    expect(r.total).toBe(87);
    expect(evaluationLevel(r.total)).toEqual({ level: 'good', label: '良好' });
    const sw = strengthsAndWeaknesses(r);
    expect(sw.strengths.map((f) => f.name)).toEqual(['党建工作', '信用记录', '年度报告']);
    expect(sw.strengths[0].message).toBe('“党建工作”得分9.5分（满分10分），表现突出');
    expect(sw.weaknesses).toEqual([]);
  });
});

describe('levels', () => {
  it('default cut-offs 90 / 80 / 60, exactly on the line counts', () => {
    expect(evaluationLevel(100).label).toBe('优秀');
    expect(evaluationLevel(90).label).toBe('优秀');
    expect(evaluationLevel(89.9).label).toBe('良好');
    expect(evaluationLevel(80).label).toBe('良好');
    expect(evaluationLevel(79.9).label).toBe('合格');
    expect(evaluationLevel(60).label).toBe('合格');
    expect(evaluationLevel(59.9)).toEqual({ level: 'unqualified', label: '不合格' });
    expect(evaluationLevel(0).label).toBe('不合格');
  });
  it('configurable and validated', () => {
    const local = { excellent: 85, good: 75, qualified: 50 };
    expect(evaluationLevel(85, local).label).toBe('优秀');
    expect(evaluationLevel(55, local).label).toBe('合格');
    expect(validateEvaluationCutoffs(defaultEvaluationCutoffs)).toEqual([]);
    expect(validateEvaluationCutoffs({ excellent: 120, good: 80, qualified: 80 })).toEqual([
      { path: 'excellent', message: '分数线应大于 0 且不超过 100 分' },
      { path: 'qualified', message: '“合格”的分数线应低于“良好”' },
    ]);
  });
});

describe('strengths and weaknesses', () => {
  it('≥ 90 % of the points is a strength, < 60 % a weakness, boundaries exact', () => {
    const dims = [
      { code: 'a', name: '甲', weight: 8, score: 7.2, indicators: [] }, // 90 %
      { code: 'b', name: '乙', weight: 8, score: 7.19, indicators: [] },
      { code: 'c', name: '丙', weight: 10, score: 6, indicators: [] }, // 60 %
      { code: 'd', name: '丁', weight: 10, score: 5.99, indicators: [] },
      { code: 'e', name: '戊', weight: 20, score: 0, indicators: [] },
    ];
    const sw = strengthsAndWeaknesses({ dimensions: dims });
    expect(sw.strengths.map((f) => f.dimensionCode)).toEqual(['a']);
    expect(sw.weaknesses.map((f) => f.message)).toEqual([
      '“丁”得分5.99分（满分10分），有待加强',
      '“戊”得分0分（满分20分），有待加强',
    ]);
  });
});

describe('round flow, posting and appeals', () => {
  const street = { roles: ['street_officer'] as const };
  const leader = { roles: ['org_leader'] as const };

  it('draft → scoring → reviewing → published → closed; review may send back with a reason', () => {
    expect(transition(evaluationRoundFlow, 'draft', 'start', street)).toMatchObject({ to: 'scoring' });
    expect(transition(evaluationRoundFlow, 'scoring', 'submit', street)).toMatchObject({ to: 'reviewing' });
    expect(transition(evaluationRoundFlow, 'reviewing', 'return', street, '')).toMatchObject({
      error: { code: 'reason_required', message: '请填写退回重评原因' },
    });
    expect(transition(evaluationRoundFlow, 'reviewing', 'return', street, '评分偏差大')).toMatchObject({
      to: 'scoring',
    });
    expect(transition(evaluationRoundFlow, 'reviewing', 'publish', street)).toMatchObject({
      to: 'published',
    });
    expect(transition(evaluationRoundFlow, 'published', 'close', leader)).toMatchObject({
      error: { code: 'role_not_allowed', message: '您的角色无权进行“结束公示”操作' },
    });
    expect(transition(evaluationRoundFlow, 'published', 'close', street)).toMatchObject({ to: 'closed' });
    expect(availableEvents(evaluationRoundFlow, 'closed', ['street_officer'])).toEqual([]);
  });

  it('the posting period counts the publication day: 7 days from 25 February 2024 end on 2 March', () => {
    expect(postingEndsOn('2024-02-25')).toBe('2024-03-02');
    expect(postingEndsOn('2025-02-25')).toBe('2025-03-03');
    expect(appealOpen('2024-02-25', undefined, '2024-02-24')).toBe(false);
    expect(appealOpen('2024-02-25', undefined, '2024-02-25')).toBe(true);
    expect(appealOpen('2024-02-25', undefined, '2024-02-29')).toBe(true);
    expect(appealOpen('2024-02-25', 7, '2024-03-02')).toBe(true);
    expect(appealOpen('2024-02-25', 7, '2024-03-03')).toBe(false);
    expect(appealOpen('2024-12-28', 5, '2025-01-01')).toBe(true);
    expect(appealOpen('2024-12-28', 5, '2025-01-02')).toBe(false);
  });

  it('one appeal per organization within the posting period', () => {
    const base = {
      roundStatus: 'published' as const,
      publishedOn: '2025-06-10',
      today: '2025-06-16',
      appeals: [],
    };
    expect(canAppeal(base)).toEqual({ allowed: true });
    expect(canAppeal({ ...base, today: '2025-06-17' })).toEqual({
      allowed: false,
      reason: '公示期已于2025-06-16结束，不能再提出异议',
    });
    expect(canAppeal({ ...base, roundStatus: 'reviewing', publishedOn: null })).toEqual({
      allowed: false,
      reason: '评价结果公示期间方可提出异议',
    });
    expect(canAppeal({ ...base, appeals: ['rejected'] })).toEqual({
      allowed: false,
      reason: '本轮评价已提出过异议，不能重复提出',
    });
  });

  it('an upheld appeal reopens scoring for that organization until it is rescored', () => {
    expect(transition(evaluationAppealFlow, 'submitted', 'uphold', street, '漏计活动记录')).toMatchObject({
      to: 'upheld',
    });
    expect(transition(evaluationAppealFlow, 'submitted', 'reject', street)).toMatchObject({
      error: { code: 'reason_required', message: '请填写异议不成立原因' },
    });
    expect(scoringOpenFor('published', ['upheld'])).toBe(true);
    expect(scoringOpenFor('published', ['submitted'])).toBe(false);
    expect(scoringOpenFor('published', ['rescored'])).toBe(false);
    expect(scoringOpenFor('scoring', [])).toBe(true);
    expect(transition(evaluationAppealFlow, 'upheld', 'rescore', street)).toMatchObject({ to: 'rescored' });
  });

  it('the round closes after the posting period once every appeal is settled', () => {
    const base = { publishedOn: '2025-06-10', appeals: [] };
    expect(canCloseRound({ ...base, today: '2025-06-16' })).toEqual({
      allowed: false,
      reason: '公示期至2025-06-16，期满后方可结束',
    });
    expect(canCloseRound({ ...base, today: '2025-06-17' })).toEqual({ allowed: true });
    expect(
      canCloseRound({ ...base, today: '2025-06-17', appeals: ['rejected', 'upheld', 'submitted'] }),
    ).toEqual({
      allowed: false,
      reason: '还有2件异议未处理完毕',
    });
  });
});

describe('eligibility', () => {
  it('filed and registered organizations that are live; groups, exited and listed ones are not', () => {
    expect(evaluationEligibility({ tier: 'filed', liveSince: '2024-01-01', onCreditList: 'none' })).toEqual({
      eligible: true,
      reasons: [],
    });
    expect(evaluationEligibility({ tier: 'group', liveSince: null, onCreditList: 'none' }).reasons).toEqual([
      '社区活动小组不参加综合评价，请先办理备案',
    ]);
    expect(
      evaluationEligibility(
        { tier: 'registered', liveSince: '2025-07-01', onCreditList: 'none' },
        '2025-06-30',
      ).reasons,
    ).toEqual(['该组织尚未完成备案或登记']);
    expect(
      evaluationEligibility({
        tier: 'filed',
        liveSince: '2020-01-01',
        exitedOn: '2025-03-01',
        onCreditList: 'abnormal',
      }),
    ).toEqual({
      eligible: false,
      reasons: ['该组织已于2025-03-01退出', '该组织被列入活动异常名录，不参加本轮综合评价'],
    });
    expect(
      evaluationEligibility({ tier: 'registered', liveSince: '2020-01-01', onCreditList: 'serious' }).reasons,
    ).toEqual(['该组织被列入严重违法失信名单，不参加本轮综合评价']);
  });
});
