import { addDays, isIsoDate } from '../time';
import type { Flow } from '../workflows/flow';
import type { CreditListKind } from './creditList';

/**
 * Comprehensive evaluation of community social organizations (综合评价, Shenzhen plan §17).
 *
 * A scheme is an indicator tree: dimensions (一级指标) carry points that add up to 100, each with
 * indicators (二级指标) whose maximum scores add up to the dimension's points. An indicator is
 * either scored by the evaluators (`manual`) or computed from what the platform already records
 * (`computed`: a metric from a fixed set and a scoring rule stored as data), so nobody re-types
 * counts the ledgers hold. Metrics measure substance – activities, service hours, reports,
 * credit – never log-ins, likes or time spent.
 *
 * Arithmetic: manual scores have at most one decimal; an indicator's score (the evaluators' mean,
 * or the computed score) is rounded half up to 0.01, subtotals add those, and the total adds the
 * subtotals and is rounded half up to 0.1 – in integer hundredths, so the shown table adds up and a
 * total on a level boundary is never lost to floating point.
 */

/** Points a scheme distributes over its dimensions. */
export const EVALUATION_TOTAL_POINTS = 100;

// ── metrics the platform computes from its records ──

export const evaluationMetrics = [
  'party_organization',
  'activities_held',
  'service_hours',
  'members_count',
  'leader_trainings',
  'projects_run',
  'purchased_project_score',
  'annual_report_on_time',
  'annual_report_passed',
  'credit_clean',
  'awards_count',
  'penalties_count',
] as const;
export type EvaluationMetric = (typeof evaluationMetrics)[number];

export interface EvaluationMetricDef {
  label: string;
  /** 'boolean' metrics are yes/no facts; 'count' metrics are non-negative numbers */
  kind: 'boolean' | 'count';
  unit?: string;
}

export const evaluationMetricDefs: Readonly<Record<EvaluationMetric, EvaluationMetricDef>> = {
  party_organization: { label: '已建立党组织或纳入联合党支部', kind: 'boolean' },
  activities_held: { label: '评价期内开展活动次数', kind: 'count', unit: '次' },
  service_hours: { label: '评价期内志愿服务时长', kind: 'count', unit: '小时' },
  members_count: { label: '成员人数', kind: 'count', unit: '人' },
  leader_trainings: { label: '负责人参加培训次数', kind: 'count', unit: '次' },
  projects_run: { label: '评价期内开展服务项目个数', kind: 'count', unit: '个' },
  purchased_project_score: { label: '政府购买服务项目评估得分（百分制）', kind: 'count', unit: '分' },
  annual_report_on_time: { label: '按时报送年度工作报告', kind: 'boolean' },
  annual_report_passed: { label: '年度工作报告审核合格', kind: 'boolean' },
  credit_clean: { label: '未被列入活动异常名录或严重违法失信名单', kind: 'boolean' },
  awards_count: { label: '评价期内获得表彰奖励次数', kind: 'count', unit: '次' },
  penalties_count: { label: '评价期内受到行政处罚次数', kind: 'count', unit: '次' },
};

/** Metric values of one organization for the evaluation period (a missing metric counts as 0 / no). */
export type EvaluationMetricValues = Readonly<Partial<Record<EvaluationMetric, number | boolean>>>;

// ── scheme ──

/** How a computed indicator turns a metric value into points. */
export type ScoringRule =
  /** the highest step whose threshold the value reaches; below every step 0 */
  | { kind: 'threshold'; steps: readonly { atLeast: number; score: number }[] }
  /** `score` when the fact holds (or the count is above 0), else 0 */
  | { kind: 'boolean'; score: number }
  /** `per` points for each unit, at most `cap` */
  | { kind: 'linear'; per: number; cap: number }
  /** full marks less `per` points for each unit, not below 0 */
  | { kind: 'deduction'; per: number };

export const scoringRuleLabels: Readonly<Record<ScoringRule['kind'], string>> = {
  threshold: '分档计分',
  boolean: '是否计分',
  linear: '按量计分',
  deduction: '扣分制',
};

interface IndicatorBase {
  /** unique in the scheme, e.g. 'activities.count' */
  code: string;
  name: string;
  maxScore: number;
  /** scoring guidance shown to evaluators and on the public result */
  description?: string;
}

export interface ManualIndicator extends IndicatorBase {
  source: 'manual';
}

export interface ComputedIndicator extends IndicatorBase {
  source: 'computed';
  metric: EvaluationMetric;
  rule: ScoringRule;
}

export type EvaluationIndicator = ManualIndicator | ComputedIndicator;

export const indicatorSourceLabels: Readonly<Record<EvaluationIndicator['source'], string>> = {
  manual: '评审打分',
  computed: '系统计分',
};

export interface EvaluationDimension {
  code: string;
  name: string;
  /** points of the dimension (its indicators' maximum scores add up to this) */
  weight: number;
  indicators: readonly EvaluationIndicator[];
}

export interface EvaluationScheme {
  name: string;
  dimensions: readonly EvaluationDimension[];
}

const manual = (code: string, name: string, maxScore: number, description: string): ManualIndicator => ({
  code,
  name,
  maxScore,
  source: 'manual',
  description,
});

/** The ten dimensions of Shenzhen §17, 100 points. A city adjusts it as configuration. */
export const defaultEvaluationScheme: Readonly<EvaluationScheme> = {
  name: '社区社会组织综合评价指标（默认）',
  dimensions: [
    {
      code: 'party',
      name: '党建工作',
      weight: 10,
      indicators: [
        {
          code: 'party.organization',
          name: '党组织覆盖',
          maxScore: 6,
          source: 'computed',
          metric: 'party_organization',
          rule: { kind: 'boolean', score: 6 },
          description: '已单独建立党组织或纳入联合党支部的得满分',
        },
        manual('party.activities', '党建活动与引领作用', 4, '开展党建活动、党员发挥作用的情况'),
      ],
    },
    {
      code: 'structure',
      name: '组织架构与分工',
      weight: 8,
      indicators: [
        manual('structure.charter', '章程与运作', 4, '章程（简易章程）健全，按章程开展活动'),
        manual('structure.roles', '负责人与分工', 4, '负责人产生规范，成员分工明确'),
      ],
    },
    {
      code: 'members',
      name: '成员管理',
      weight: 8,
      indicators: [
        {
          code: 'members.count',
          name: '成员规模',
          maxScore: 4,
          source: 'computed',
          metric: 'members_count',
          rule: {
            kind: 'threshold',
            steps: [
              { atLeast: 30, score: 4 },
              { atLeast: 10, score: 3 },
              { atLeast: 5, score: 2 },
            ],
          },
          description: '30人以上4分，10人以上3分，5人以上2分',
        },
        manual('members.roster', '成员名册管理', 4, '成员名册完整，入会退会及时登记'),
      ],
    },
    {
      code: 'rules',
      name: '会议与服务制度',
      weight: 8,
      indicators: [
        manual('rules.meetings', '会议制度', 4, '定期召开成员会议，会议记录完整'),
        manual('rules.service', '服务与财务制度', 4, '服务规范、财务收支制度健全并执行'),
      ],
    },
    {
      code: 'activities',
      name: '日常活动与服务记录',
      weight: 20,
      indicators: [
        {
          code: 'activities.count',
          name: '活动开展次数',
          maxScore: 8,
          source: 'computed',
          metric: 'activities_held',
          rule: {
            kind: 'threshold',
            steps: [
              { atLeast: 24, score: 8 },
              { atLeast: 12, score: 6 },
              { atLeast: 6, score: 4 },
              { atLeast: 1, score: 2 },
            ],
          },
          description: '24次以上8分，12次以上6分，6次以上4分，1次以上2分',
        },
        {
          code: 'activities.hours',
          name: '志愿服务时长',
          maxScore: 6,
          source: 'computed',
          metric: 'service_hours',
          rule: { kind: 'linear', per: 0.02, cap: 6 },
          description: '每50小时1分，最高6分',
        },
        manual('activities.records', '服务记录与成效', 6, '服务记录完整规范，居民满意度和服务成效'),
      ],
    },
    {
      code: 'capacity',
      name: '能力建设',
      weight: 10,
      indicators: [
        {
          code: 'capacity.training',
          name: '负责人培训',
          maxScore: 5,
          source: 'computed',
          metric: 'leader_trainings',
          rule: {
            kind: 'threshold',
            steps: [
              { atLeast: 2, score: 5 },
              { atLeast: 1, score: 3 },
            ],
          },
          description: '负责人每年至少参加1次培训：2次以上5分，1次3分',
        },
        manual('capacity.team', '队伍与资源', 5, '志愿者队伍建设、人才培养和资源链接'),
      ],
    },
    {
      code: 'projects',
      name: '政府购买项目评估',
      weight: 10,
      indicators: [
        {
          code: 'projects.count',
          name: '服务项目开展',
          maxScore: 4,
          source: 'computed',
          metric: 'projects_run',
          rule: {
            kind: 'threshold',
            steps: [
              { atLeast: 2, score: 4 },
              { atLeast: 1, score: 3 },
            ],
          },
          description: '每年至少开展1个服务项目：2个以上4分，1个3分',
        },
        {
          code: 'projects.evaluation',
          name: '购买服务项目评估结果',
          maxScore: 6,
          source: 'computed',
          metric: 'purchased_project_score',
          rule: {
            kind: 'threshold',
            steps: [
              { atLeast: 90, score: 6 },
              { atLeast: 80, score: 5 },
              { atLeast: 60, score: 3 },
            ],
          },
          description: '项目评估90分以上6分，80分以上5分，60分以上3分',
        },
      ],
    },
    {
      code: 'credit',
      name: '信用记录',
      weight: 10,
      indicators: [
        {
          code: 'credit.clean',
          name: '信用状况',
          maxScore: 10,
          source: 'computed',
          metric: 'credit_clean',
          rule: { kind: 'boolean', score: 10 },
          description: '评价期内未被列入活动异常名录或严重违法失信名单的得满分',
        },
      ],
    },
    {
      code: 'annual_report',
      name: '年度报告',
      weight: 8,
      indicators: [
        {
          code: 'annual_report.on_time',
          name: '按时报送',
          maxScore: 4,
          source: 'computed',
          metric: 'annual_report_on_time',
          rule: { kind: 'boolean', score: 4 },
        },
        {
          code: 'annual_report.passed',
          name: '审核结果',
          maxScore: 4,
          source: 'computed',
          metric: 'annual_report_passed',
          rule: { kind: 'boolean', score: 4 },
        },
      ],
    },
    {
      code: 'rewards',
      name: '奖惩情况',
      weight: 8,
      indicators: [
        {
          code: 'rewards.awards',
          name: '表彰奖励',
          maxScore: 4,
          source: 'computed',
          metric: 'awards_count',
          rule: { kind: 'linear', per: 2, cap: 4 },
          description: '每次表彰2分，最高4分',
        },
        {
          code: 'rewards.penalties',
          name: '行政处罚',
          maxScore: 4,
          source: 'computed',
          metric: 'penalties_count',
          rule: { kind: 'deduction', per: 4 },
          description: '受到行政处罚的不得分',
        },
      ],
    },
  ],
};

export interface SchemeProblem {
  path: string;
  message: string;
}

/** Points and scores: greater than 0 with at most one decimal. */
function isPoints(x: number): boolean {
  return Number.isFinite(x) && x > 0 && Math.abs(x * 10 - Math.round(x * 10)) < 1e-9;
}

const tenths = (x: number) => Math.round(x * 10);
const showTenths = (t: number) => String(t / 10);

/** Chinese problems of a scheme (empty when it can be used). */
export function validateEvaluationScheme(scheme: EvaluationScheme): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  if (!scheme.name.trim()) out.push({ path: 'name', message: '请填写评价方案名称' });
  if (!scheme.dimensions.length) {
    out.push({ path: 'dimensions', message: '评价方案至少包含一个一级指标' });
    return out;
  }
  const codes = new Set<string>();
  const code = (path: string, c: string) => {
    if (!c.trim()) out.push({ path, message: '请填写指标编码' });
    else if (codes.has(c)) out.push({ path, message: `指标编码“${c}”重复` });
    codes.add(c);
  };
  let weightSum = 0;
  scheme.dimensions.forEach((d, i) => {
    const p = `dimensions.${i}`;
    code(`${p}.code`, d.code);
    if (!d.name.trim()) out.push({ path: `${p}.name`, message: '请填写指标名称' });
    if (!isPoints(d.weight))
      out.push({ path: `${p}.weight`, message: '分值须为大于 0 的数，最多保留一位小数' });
    else weightSum += tenths(d.weight);
    if (!d.indicators.length) {
      out.push({ path: `${p}.indicators`, message: `“${d.name}”至少包含一个二级指标` });
      return;
    }
    let maxSum = 0;
    let sumKnown = true;
    d.indicators.forEach((ind, j) => {
      const q = `${p}.indicators.${j}`;
      code(`${q}.code`, ind.code);
      if (!ind.name.trim()) out.push({ path: `${q}.name`, message: '请填写指标名称' });
      if (!isPoints(ind.maxScore)) {
        out.push({ path: `${q}.maxScore`, message: '分值须为大于 0 的数，最多保留一位小数' });
        sumKnown = false;
      } else maxSum += tenths(ind.maxScore);
      if (ind.source === 'computed') out.push(...validateComputed(ind, q));
    });
    if (sumKnown && isPoints(d.weight) && maxSum !== tenths(d.weight))
      out.push({
        path: `${p}.indicators`,
        message: `“${d.name}”的二级指标满分合计应为 ${d.weight} 分，当前为 ${showTenths(maxSum)} 分`,
      });
  });
  if (weightSum !== EVALUATION_TOTAL_POINTS * 10 && out.every((x) => !x.path.endsWith('.weight')))
    out.push({
      path: 'dimensions',
      message: `一级指标分值合计应为 ${EVALUATION_TOTAL_POINTS} 分，当前为 ${showTenths(weightSum)} 分`,
    });
  return out;
}

function validateComputed(ind: ComputedIndicator, q: string): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  if (!Object.hasOwn(evaluationMetricDefs, ind.metric)) {
    out.push({ path: `${q}.metric`, message: '请选择系统统计的数据项' });
    return out;
  }
  const r = ind.rule;
  const max = ind.maxScore;
  const over = (x: number) => Number.isFinite(max) && x > max + 1e-9;
  const isBooleanMetric = evaluationMetricDefs[ind.metric].kind === 'boolean';
  if (isBooleanMetric && r.kind !== 'boolean') {
    out.push({ path: `${q}.rule`, message: '该数据项为“是/否”，请使用是否计分' });
    return out;
  }
  switch (r.kind) {
    case 'threshold': {
      if (!r.steps.length) {
        out.push({ path: `${q}.rule.steps`, message: '请至少设置一档计分标准' });
        break;
      }
      r.steps.forEach((s, k) => {
        const sp = `${q}.rule.steps.${k}`;
        if (!Number.isFinite(s.atLeast) || s.atLeast < 0)
          out.push({ path: `${sp}.atLeast`, message: '门槛值须为不小于 0 的数' });
        if (!Number.isFinite(s.score) || s.score < 0)
          out.push({ path: `${sp}.score`, message: '得分不能为负数' });
        else if (over(s.score))
          out.push({ path: `${sp}.score`, message: `得分不能超过该指标满分 ${max} 分` });
        if (k > 0) {
          const prev = r.steps[k - 1];
          if (!(s.atLeast < prev.atLeast))
            out.push({ path: `${sp}.atLeast`, message: '各档门槛须从高到低排列，且不能重复' });
          else if (!(s.score < prev.score)) out.push({ path: `${sp}.score`, message: '门槛越低得分应越低' });
        }
      });
      break;
    }
    case 'boolean':
      if (!(Number.isFinite(r.score) && r.score > 0))
        out.push({ path: `${q}.rule.score`, message: '得分须大于 0' });
      else if (over(r.score))
        out.push({ path: `${q}.rule.score`, message: `得分不能超过该指标满分 ${max} 分` });
      break;
    case 'linear':
      if (!(Number.isFinite(r.per) && r.per > 0))
        out.push({ path: `${q}.rule.per`, message: '每单位得分须大于 0' });
      if (!(Number.isFinite(r.cap) && r.cap > 0))
        out.push({ path: `${q}.rule.cap`, message: '最高得分须大于 0' });
      else if (over(r.cap))
        out.push({ path: `${q}.rule.cap`, message: `最高得分不能超过该指标满分 ${max} 分` });
      break;
    case 'deduction':
      if (!(Number.isFinite(r.per) && r.per > 0))
        out.push({ path: `${q}.rule.per`, message: '每单位扣分须大于 0' });
      break;
    default:
      out.push({ path: `${q}.rule`, message: '请选择计分规则' });
  }
  return out;
}

// ── scoring ──

/** Hundredths, rounded half up (non-negative input). */
const toHundredths = (x: number) => Math.round(x * 100 + 1e-7);

/** A metric value as a non-negative number (yes = 1, no or missing = 0). */
function metricNumber(v: number | boolean | undefined): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

/** Points of a computed indicator for the metric values, rounded to 0.01, within 0..maxScore. */
export function computedScore(indicator: ComputedIndicator, metrics: EvaluationMetricValues): number {
  const v = metricNumber(metrics[indicator.metric]);
  const r = indicator.rule;
  let s = 0;
  switch (r.kind) {
    case 'threshold':
      // the best step reached, whatever order the steps are stored in
      s = Math.max(0, ...r.steps.filter((st) => v >= st.atLeast).map((st) => st.score));
      break;
    case 'boolean':
      s = v > 0 ? r.score : 0;
      break;
    case 'linear':
      s = Math.min(r.cap, v * r.per);
      break;
    case 'deduction':
      s = indicator.maxScore - v * r.per;
      break;
  }
  return toHundredths(Math.min(indicator.maxScore, Math.max(0, s))) / 100;
}

/** Manual scores of a round: evaluatorId → indicatorCode → score. */
export type ManualScores = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface ScoreError {
  evaluatorId: string;
  indicatorCode: string;
  message: string;
}

export interface MissingScore {
  indicatorCode: string;
  indicatorName: string;
  /** the evaluator who has not scored it; null when no evaluator has been named */
  evaluatorId: string | null;
}

export interface IndicatorResult {
  code: string;
  name: string;
  source: EvaluationIndicator['source'];
  maxScore: number;
  /** 0.01 precision; a manual indicator nobody has scored yet counts 0 (and is listed as missing) */
  score: number;
  /** manual: how many valid evaluator scores the mean is over */
  evaluatorCount?: number;
  /** computed: the metric value used */
  metricValue?: number | boolean;
}

export interface DimensionResult {
  code: string;
  name: string;
  weight: number;
  score: number;
  indicators: IndicatorResult[];
}

export interface EvaluationResult {
  dimensions: DimensionResult[];
  /** 0.1 precision */
  total: number;
  missing: MissingScore[];
  /** invalid scores, left out of the means */
  errors: ScoreError[];
  /** every manual score is in and none is invalid */
  complete: boolean;
}

/** The Chinese problem with one manual score, or null when it is valid. */
function manualScoreProblem(ind: EvaluationIndicator, score: number): string | null {
  if (ind.source === 'computed') return `“${ind.name}”由系统根据记录自动计分，无需人工评分`;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > ind.maxScore + 1e-9)
    return `“${ind.name}”的评分应在 0–${ind.maxScore} 分之间`;
  if (Math.abs(score * 10 - Math.round(score * 10)) > 1e-9) return `“${ind.name}”的评分最多保留一位小数`;
  return null;
}

/** Chinese problems of the evaluators' scores (empty when all are valid). */
export function validateManualScores(
  scheme: EvaluationScheme,
  manualScores: ManualScores,
  evaluators?: readonly string[],
): ScoreError[] {
  const byCode = new Map(scheme.dimensions.flatMap((d) => d.indicators.map((i) => [i.code, i] as const)));
  const out: ScoreError[] = [];
  for (const evaluatorId of Object.keys(manualScores).sort()) {
    if (evaluators && !evaluators.includes(evaluatorId)) {
      out.push({ evaluatorId, indicatorCode: '', message: '该评审人员未被指派参加本轮评价' });
      continue;
    }
    for (const [indicatorCode, score] of Object.entries(manualScores[evaluatorId])) {
      const ind = byCode.get(indicatorCode);
      const message = ind ? manualScoreProblem(ind, score) : `评价方案中没有编码为“${indicatorCode}”的指标`;
      if (message) out.push({ evaluatorId, indicatorCode, message });
    }
  }
  return out;
}

/**
 * Scores one organization: the mean of the evaluators' valid scores for each manual indicator,
 * the computed score for each computed one, dimension subtotals and the total. Missing manual
 * scores are listed per evaluator – the evaluators named in `options.evaluators` (those assigned to
 * the round), else those who have entered any score. Invalid scores are reported and left out.
 */
export function scoreOrganization(
  scheme: EvaluationScheme,
  manualScores: ManualScores,
  metrics: EvaluationMetricValues,
  options: { evaluators?: readonly string[] } = {},
): EvaluationResult {
  const errors = validateManualScores(scheme, manualScores, options.evaluators);
  const invalid = new Set(errors.map((e) => `${e.evaluatorId}\u0000${e.indicatorCode}`));
  const evaluators = [...(options.evaluators ?? Object.keys(manualScores))].sort();
  const missing: MissingScore[] = [];
  let totalHundredths = 0;

  const dimensions = scheme.dimensions.map((d): DimensionResult => {
    let subtotal = 0;
    const indicators = d.indicators.map((ind): IndicatorResult => {
      if (ind.source === 'computed') {
        const h = toHundredths(computedScore(ind, metrics));
        subtotal += h;
        const metricValue =
          metrics[ind.metric] ?? (evaluationMetricDefs[ind.metric].kind === 'boolean' ? false : 0);
        return {
          code: ind.code,
          name: ind.name,
          source: ind.source,
          maxScore: ind.maxScore,
          score: h / 100,
          metricValue,
        };
      }
      let sumTenths = 0;
      let n = 0;
      for (const e of evaluators) {
        const s = manualScores[e]?.[ind.code];
        if (s === undefined || invalid.has(`${e}\u0000${ind.code}`)) {
          missing.push({ indicatorCode: ind.code, indicatorName: ind.name, evaluatorId: e });
          continue;
        }
        sumTenths += Math.round(s * 10);
        n++;
      }
      if (!evaluators.length)
        missing.push({ indicatorCode: ind.code, indicatorName: ind.name, evaluatorId: null });
      // mean in hundredths, half up: sumTenths * 10 / n
      const h = n ? Math.floor((20 * sumTenths + n) / (2 * n)) : 0;
      subtotal += h;
      return {
        code: ind.code,
        name: ind.name,
        source: ind.source,
        maxScore: ind.maxScore,
        score: h / 100,
        evaluatorCount: n,
      };
    });
    totalHundredths += subtotal;
    return { code: d.code, name: d.name, weight: d.weight, score: subtotal / 100, indicators };
  });

  return {
    dimensions,
    total: Math.floor((totalHundredths + 5) / 10) / 10,
    missing,
    errors,
    complete: !missing.length && !errors.length,
  };
}

// ── levels ──

export const evaluationLevels = ['excellent', 'good', 'qualified', 'unqualified'] as const;
export type EvaluationLevel = (typeof evaluationLevels)[number];

export const evaluationLevelLabels: Readonly<Record<EvaluationLevel, string>> = {
  excellent: '优秀',
  good: '良好',
  qualified: '合格',
  unqualified: '不合格',
};

/** Lowest total of each level; below `qualified` is 不合格. */
export interface EvaluationCutoffs {
  excellent: number;
  good: number;
  qualified: number;
}

export const defaultEvaluationCutoffs: Readonly<EvaluationCutoffs> = {
  excellent: 90,
  good: 80,
  qualified: 60,
};

/** Chinese problems of the cut-offs (empty when valid). */
export function validateEvaluationCutoffs(c: EvaluationCutoffs): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  const keys = ['excellent', 'good', 'qualified'] as const;
  for (const k of keys)
    if (!Number.isFinite(c[k]) || c[k] <= 0 || c[k] > EVALUATION_TOTAL_POINTS)
      out.push({ path: k, message: `分数线应大于 0 且不超过 ${EVALUATION_TOTAL_POINTS} 分` });
  for (let i = 1; i < keys.length; i++)
    if (Number.isFinite(c[keys[i]]) && Number.isFinite(c[keys[i - 1]]) && !(c[keys[i]] < c[keys[i - 1]]))
      out.push({
        path: keys[i],
        message: `“${evaluationLevelLabels[keys[i]]}”的分数线应低于“${evaluationLevelLabels[keys[i - 1]]}”`,
      });
  return out;
}

export function evaluationLevel(
  total: number,
  cutoffs: EvaluationCutoffs = defaultEvaluationCutoffs,
): { level: EvaluationLevel; label: string } {
  const level: EvaluationLevel =
    total >= cutoffs.excellent
      ? 'excellent'
      : total >= cutoffs.good
        ? 'good'
        : total >= cutoffs.qualified
          ? 'qualified'
          : 'unqualified';
  return { level, label: evaluationLevelLabels[level] };
}

// ── strengths and weaknesses ──

export interface EvaluationFinding {
  dimensionCode: string;
  name: string;
  score: number;
  weight: number;
  message: string;
}

/**
 * Dimensions scoring at least `strengthRatio` (90 %) of their points are strengths, below
 * `weaknessRatio` (60 %) weaknesses – the sentences of the published result and of the feedback
 * to the organization.
 */
export function strengthsAndWeaknesses(
  result: Pick<EvaluationResult, 'dimensions'>,
  ratios: { strengthRatio: number; weaknessRatio: number } = { strengthRatio: 0.9, weaknessRatio: 0.6 },
): { strengths: EvaluationFinding[]; weaknesses: EvaluationFinding[] } {
  const strengths: EvaluationFinding[] = [];
  const weaknesses: EvaluationFinding[] = [];
  for (const d of result.dimensions) {
    // compare in hundredths: score / weight ≥ ratio ⇔ score·100 ≥ weight·100·ratio
    const s = toHundredths(d.score);
    const w = toHundredths(d.weight);
    const base = { dimensionCode: d.code, name: d.name, score: d.score, weight: d.weight };
    if (s >= w * ratios.strengthRatio - 1e-7)
      strengths.push({ ...base, message: `“${d.name}”得分${d.score}分（满分${d.weight}分），表现突出` });
    else if (s < w * ratios.weaknessRatio - 1e-7)
      weaknesses.push({ ...base, message: `“${d.name}”得分${d.score}分（满分${d.weight}分），有待加强` });
  }
  return { strengths, weaknesses };
}

// ── rounds, posting and appeals ──

const ORGANIZERS = ['street_officer', 'district_officer', 'city_officer'] as const;

export const evaluationRoundStatusLabels = {
  draft: '草稿',
  scoring: '评分中',
  reviewing: '审核中',
  published: '公示中',
  closed: '已结束',
} as const;
export type EvaluationRoundStatus = keyof typeof evaluationRoundStatusLabels;

/**
 * An evaluation round as a state table. The organizing office opens scoring (evaluators and
 * experts enter scores while it is `scoring`), sends the results to review, publishes them for a
 * posting period (appeals are received then, see `appealOpen`) and closes the round once the
 * period is over and no appeal is pending (`canCloseRound`).
 */
export const evaluationRoundFlow = {
  draft: {
    start: { to: 'scoring', by: ORGANIZERS, label: '开始评分' },
  },
  scoring: {
    submit: { to: 'reviewing', by: ORGANIZERS, label: '提交审核' },
  },
  reviewing: {
    publish: { to: 'published', by: ORGANIZERS, label: '发布公示' },
    return: { to: 'scoring', by: ORGANIZERS, needsReason: true, label: '退回重评' },
  },
  published: {
    close: { to: 'closed', by: ORGANIZERS, label: '结束公示' },
  },
  closed: {},
} as const satisfies Flow;

export const evaluationAppealStatusLabels = {
  submitted: '待处理',
  upheld: '异议成立，重新评分中',
  rejected: '异议不成立',
  rescored: '已重新评分',
} as const;
export type EvaluationAppealStatus = keyof typeof evaluationAppealStatusLabels;

/**
 * An organization's appeal against its published result. Upheld reopens scoring for that
 * organization alone (`scoringOpenFor`) until the revised scores are confirmed (`rescore`).
 */
export const evaluationAppealFlow = {
  submitted: {
    uphold: { to: 'upheld', by: ORGANIZERS, needsReason: true, label: '异议成立' },
    reject: { to: 'rejected', by: ORGANIZERS, needsReason: true, label: '异议不成立' },
  },
  upheld: {
    rescore: { to: 'rescored', by: ORGANIZERS, label: '确认重新评分结果' },
  },
  rejected: {},
  rescored: {},
} as const satisfies Flow;

export const DEFAULT_POSTING_DAYS = 7;

/** Last day of the posting period: the publication day counts as its first day. */
export function postingEndsOn(publishedOn: string, postingDays: number = DEFAULT_POSTING_DAYS): string {
  if (!Number.isInteger(postingDays) || postingDays < 1)
    throw new Error(`invalid posting days: ${postingDays}`);
  return addDays(publishedOn, postingDays - 1);
}

/** May an organization appeal on `today`: from the publication day to the last posting day, inclusive. */
export function appealOpen(
  publishedOn: string,
  postingDays: number = DEFAULT_POSTING_DAYS,
  today: string,
): boolean {
  if (!isIsoDate(today)) throw new Error(`invalid date: ${today}`);
  return today >= publishedOn && today <= postingEndsOn(publishedOn, postingDays);
}

export type AppealCheck = { allowed: true } | { allowed: false; reason: string };

/** May the organization file an appeal now (one appeal per organization and round). */
export function canAppeal(input: {
  roundStatus: EvaluationRoundStatus;
  publishedOn: string | null;
  postingDays?: number;
  today: string;
  /** this organization's earlier appeals in the round */
  appeals: readonly EvaluationAppealStatus[];
}): AppealCheck {
  if (input.roundStatus !== 'published' || input.publishedOn === null)
    return { allowed: false, reason: '评价结果公示期间方可提出异议' };
  if (!appealOpen(input.publishedOn, input.postingDays ?? DEFAULT_POSTING_DAYS, input.today))
    return {
      allowed: false,
      reason: `公示期已于${postingEndsOn(input.publishedOn, input.postingDays)}结束，不能再提出异议`,
    };
  if (input.appeals.length) return { allowed: false, reason: '本轮评价已提出过异议，不能重复提出' };
  return { allowed: true };
}

/** Are scores of this organization open for entry: the round is scoring, or its appeal was upheld. */
export function scoringOpenFor(
  roundStatus: EvaluationRoundStatus,
  appeals: readonly EvaluationAppealStatus[],
): boolean {
  return roundStatus === 'scoring' || (roundStatus === 'published' && appeals.includes('upheld'));
}

/** May the round close on `today`: the posting period is over and every appeal is decided and rescored. */
export function canCloseRound(input: {
  publishedOn: string;
  postingDays?: number;
  today: string;
  appeals: readonly EvaluationAppealStatus[];
}): AppealCheck {
  const ends = postingEndsOn(input.publishedOn, input.postingDays);
  if (input.today <= ends) return { allowed: false, reason: `公示期至${ends}，期满后方可结束` };
  const pending = input.appeals.filter((a) => a === 'submitted' || a === 'upheld').length;
  if (pending) return { allowed: false, reason: `还有${pending}件异议未处理完毕` };
  return { allowed: true };
}

// ── eligibility ──

export interface EvaluationCandidate {
  tier: 'group' | 'filed' | 'registered';
  /** the day it was filed or registered; null when not yet */
  liveSince: string | null;
  exitedOn?: string | null;
  /** its credit list state on the day (the more serious list wins), as `listStateOn(...).state` */
  onCreditList: 'none' | CreditListKind;
}

/**
 * Who takes part in a round on `asOf` (default: any day the organization was live): filed and
 * registered organizations that are live; an organization on a credit list is flagged and left out.
 */
export function evaluationEligibility(
  candidate: EvaluationCandidate,
  asOf?: string,
): { eligible: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (candidate.tier === 'group') reasons.push('社区活动小组不参加综合评价，请先办理备案');
  else if (candidate.liveSince === null || (asOf !== undefined && candidate.liveSince > asOf))
    reasons.push('该组织尚未完成备案或登记');
  if (candidate.exitedOn && (asOf === undefined || candidate.exitedOn <= asOf))
    reasons.push(`该组织已于${candidate.exitedOn}退出`);
  if (candidate.onCreditList === 'abnormal') reasons.push('该组织被列入活动异常名录，不参加本轮综合评价');
  if (candidate.onCreditList === 'serious') reasons.push('该组织被列入严重违法失信名单，不参加本轮综合评价');
  return { eligible: reasons.length === 0, reasons };
}
