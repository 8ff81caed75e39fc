import {
  type ComputedIndicator,
  computedScore,
  type EvaluationMetricValues,
} from '@linli/core/supervision/evaluation';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  InputNumber,
  List,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../auth/api';
import { cleanMessage } from '../supervision/labels';
import { type EvaluationAppeal, type TargetDetail, useEvaluationMutations, useTarget } from './api';
import { ReasonModal } from './EvaluationModals';
import {
  appealStatusColor,
  levelColor,
  levelLabel,
  metricValue,
  points,
  roundPath,
  roundStatusColor,
  roundStatusLabel,
} from './labels';
import './evaluations.css';

type Decision = { appeal: EvaluationAppeal; decision: 'uphold' | 'reject' };

/** Scores of each indicator in the stored result (code → score). */
function resultScores(t: TargetDetail) {
  const m = new Map<string, number>();
  for (const d of t.result?.dimensions ?? []) for (const i of d.indicators) m.set(i.code, i.score);
  return m;
}

/** 评价表: one organization in a round – the indicator tree, the evaluator's scores, the result and appeals. */
export default function EvaluationTargetPage() {
  const { id = '', orgId = '' } = useParams();
  const target = useTarget(id, orgId);
  const { score, appeal, decide } = useEvaluationMutations();
  const { message, modal } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm<{ scores: Record<string, number | null> }>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [appealing, setAppealing] = useState(false);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [decideError, setDecideError] = useState<string | null>(null);
  const t = target.data;
  const metricMap = useMemo(() => {
    const m: Record<string, number | boolean> = {};
    for (const x of t?.metrics ?? []) m[x.metric] = x.value;
    return m as EvaluationMetricValues;
  }, [t?.metrics]);

  if (target.error && !target.data)
    return (
      <div>
        <PageHeader title="参评组织" back={roundPath(id)} />
        <QueryError error={target.error} onRetry={() => target.refetch()} />
      </div>
    );
  if (!t)
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: '80px 0' }}>
        <Spin />
      </div>
    );

  const editable = t.scoringOpen;
  const fromResult = resultScores(t);
  const metricOf = (code: string) => t.metrics?.find((m) => m.metric === code);
  const manualCodes = t.scheme.dimensions.flatMap((d) =>
    d.indicators.filter((i) => i.source === 'manual').map((i) => i.code),
  );
  // the organizers (evaluation.manage over the round's region see every evaluator's sheet)
  const manager = can('evaluation.manage') && t.scores !== null;

  const save = async () => {
    setRefusal(null);
    const raw = (form.getFieldValue('scores') ?? {}) as Record<string, number | null | undefined>;
    const scores: Record<string, number> = {};
    for (const c of manualCodes) if (typeof raw[c] === 'number') scores[c] = raw[c] as number;
    if (!Object.keys(scores).length) {
      setRefusal('请至少填写一项评分');
      return;
    }
    try {
      const r = await score.mutateAsync({ id, orgId, scores });
      message.success(r.complete ? '评分已保存' : `评分已保存，还有 ${r.missing.length} 项未评分`);
    } catch (err) {
      setRefusal(cleanMessage(err));
      if (err instanceof ApiError)
        form.setFields(
          Object.entries(err.fields)
            .filter(([k]) => k.startsWith('scores.'))
            .map(([k, msg]) => ({ name: ['scores', k.slice('scores.'.length)], errors: [msg] })),
        );
    }
  };

  const rescore = (a: EvaluationAppeal) => {
    setDecideError(null);
    modal.confirm({
      title: '确认重新评分结果',
      content: '确认后将按评价人员重新评分的结果计算该组织的总分和等级，并更新公示结果。确定吗？',
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          await decide.mutateAsync({ id: a.id, decision: 'rescore', version: a.version });
          message.success('已确认重新评分结果');
        } catch (err) {
          setDecideError(cleanMessage(err));
        }
      },
    });
  };

  const check = t.appealCheck;
  const published = t.round.status === 'published' || t.round.status === 'closed';

  return (
    <div className="evaluation-target">
      <PageHeader
        back={roundPath(id)}
        title={<span data-testid="target-title">{t.organization.name}</span>}
        sub={
          <span>
            {t.round.title}（{t.round.year}年度）{' '}
            <Tag color={roundStatusColor[t.round.status]} data-testid="target-round-status">
              {roundStatusLabel(t.round.status, t.round.statusLabel)}
            </Tag>
            <Tag data-testid="target-status-tag">{t.statusLabel}</Tag>
          </span>
        }
      />
      {t.total !== null && (
        <Card title="评价结果" style={{ marginBottom: 12 }} data-testid="target-result">
          <Space size={32} wrap align="start">
            <Statistic
              title="总分"
              value={t.total}
              precision={1}
              suffix="分"
              data-testid="target-result-total"
            />
            <div>
              <Typography.Text type="secondary">等级</Typography.Text>
              <div style={{ marginTop: 8 }}>
                <Tag
                  color={levelColor[t.level ?? '']}
                  style={{ fontSize: 16, padding: '4px 12px' }}
                  data-testid="target-result-level"
                >
                  {levelLabel(t.level, t.levelLabel)}
                </Tag>
              </div>
            </div>
          </Space>
          <Findings
            strengths={t.strengths.map((f) => f.message)}
            weaknesses={t.weaknesses.map((f) => f.message)}
          />
          {published && t.round.publishedOn && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              公示期：{t.round.publishedOn} 至 {t.round.postingEndsOn}
            </Typography.Paragraph>
          )}
          {check && (
            <div style={{ marginTop: 12 }}>
              {check.allowed ? (
                <Button onClick={() => setAppealing(true)} data-testid="target-appeal">
                  提出异议
                </Button>
              ) : (
                <Typography.Text type="secondary" data-testid="target-appeal-closed">
                  {check.reason}
                </Typography.Text>
              )}
            </div>
          )}
        </Card>
      )}
      {(t.appeals.length > 0 || manager) && published && (
        <Card title="异议" style={{ marginBottom: 12 }} data-testid="target-appeals">
          {decideError && (
            <Alert
              type="error"
              showIcon
              title={decideError}
              closable={{ onClose: () => setDecideError(null) }}
              style={{ marginBottom: 12 }}
            />
          )}
          <List
            dataSource={t.appeals}
            locale={{ emptyText: <Empty description="没有异议" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(a) => (
              <List.Item
                actions={
                  manager && t.round.status === 'published'
                    ? a.status === 'submitted'
                      ? [
                          <Button
                            key="reject"
                            size="small"
                            onClick={() => setDeciding({ appeal: a, decision: 'reject' })}
                            data-testid="appeal-reject"
                          >
                            维持结果
                          </Button>,
                          <Button
                            key="uphold"
                            size="small"
                            type="primary"
                            onClick={() => setDeciding({ appeal: a, decision: 'uphold' })}
                            data-testid="appeal-uphold"
                          >
                            支持异议
                          </Button>,
                        ]
                      : a.status === 'upheld'
                        ? [
                            <Button
                              key="rescore"
                              size="small"
                              type="primary"
                              onClick={() => rescore(a)}
                              data-testid="appeal-rescore"
                            >
                              确认重新评分结果
                            </Button>,
                          ]
                        : []
                    : []
                }
              >
                <div style={{ minWidth: 0 }}>
                  <Space size={4} wrap>
                    <Tag color={appealStatusColor[a.status]} data-testid="appeal-status">
                      {a.statusLabel}
                    </Tag>
                    <Typography.Text type="secondary">
                      {a.submittedByName} · {formatDateTime(a.createdAt)}
                    </Typography.Text>
                  </Space>
                  <Typography.Paragraph style={{ margin: '6px 0 0' }}>{a.reason}</Typography.Paragraph>
                  {a.decisionReason && (
                    <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                      处理意见：{a.decisionReason}
                    </Typography.Paragraph>
                  )}
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      {editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="请对标有“评分”的指标逐项打分（最多保留一位小数）；标有“平台计算”的指标由系统根据平台记录自动计分。"
        />
      )}
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={refusal}
          closable={{ onClose: () => setRefusal(null) }}
          style={{ marginBottom: 12 }}
          data-testid="score-refusal"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ scores: t.myScores ?? {} }}
        key={`${t.mySubmittedAt ?? ''}`}
        onValuesChange={() => setRefusal(null)}
        data-testid="score-form"
      >
        {t.scheme.dimensions.map((d) => {
          const dimScore = t.result?.dimensions.find((x) => x.code === d.code)?.score;
          return (
            <Card
              key={d.code}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <span className="eval-dim-title">
                  {d.name}
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
                    {d.weight} 分
                  </Typography.Text>
                </span>
              }
              extra={
                dimScore !== undefined ? <span data-testid="dim-score">得分 {points(dimScore)}</span> : null
              }
              data-testid={`dim-${d.code}`}
            >
              {d.indicators.map((ind) => {
                const m = ind.source === 'computed' ? metricOf(ind.metric) : undefined;
                const computed =
                  ind.source === 'computed' && t.metrics
                    ? computedScore(ind as ComputedIndicator, metricMap)
                    : undefined;
                return (
                  <div key={ind.code} className="eval-indicator" data-testid={`ind-${ind.code}`}>
                    <div className="eval-indicator-main">
                      <div>
                        <Typography.Text strong>{ind.name}</Typography.Text>
                        <Tag color={ind.source === 'computed' ? 'cyan' : 'purple'} style={{ marginLeft: 8 }}>
                          {ind.source === 'computed' ? '平台计算' : '评分'}
                        </Tag>
                        <Typography.Text type="secondary">满分 {ind.maxScore} 分</Typography.Text>
                      </div>
                      {ind.description && (
                        <Typography.Text type="secondary" className="eval-indicator-desc">
                          {ind.description}
                        </Typography.Text>
                      )}
                      {ind.source === 'computed' && (
                        <Typography.Text type="secondary" className="eval-indicator-desc">
                          {m
                            ? `${m.label}：${metricValue(m.value, m.unit)}（${m.source}）`
                            : '开始评分后由系统根据平台记录计算'}
                        </Typography.Text>
                      )}
                    </div>
                    <div className="eval-indicator-score">
                      {ind.source === 'computed' ? (
                        <span data-testid="ind-computed">
                          {points(fromResult.get(ind.code) ?? computed)} 分
                        </span>
                      ) : editable ? (
                        <Form.Item name={['scores', ind.code]} style={{ margin: 0 }}>
                          <InputNumber
                            min={0}
                            max={ind.maxScore}
                            step={0.5}
                            precision={1}
                            placeholder={`0–${ind.maxScore}`}
                            suffix="分"
                            style={{ width: 120 }}
                            data-testid={`score-${ind.code}`}
                          />
                        </Form.Item>
                      ) : (
                        <span data-testid="ind-score">
                          {fromResult.has(ind.code)
                            ? `${points(fromResult.get(ind.code))} 分`
                            : t.myScores && t.myScores[ind.code] !== undefined
                              ? `${t.myScores[ind.code]} 分`
                              : '—'}
                        </span>
                      )}
                    </div>
                  </div>
                );
              })}
            </Card>
          );
        })}
      </Form>
      {editable && (
        <div className="eval-save-bar">
          <Typography.Text type="secondary">
            {t.mySubmittedAt ? `上次保存：${formatDateTime(t.mySubmittedAt)}` : '尚未保存评分'}
          </Typography.Text>
          <Button type="primary" onClick={save} loading={score.isPending} data-testid="score-save">
            保存评分
          </Button>
        </div>
      )}
      {t.scores && t.scores.length > 0 && (
        <Card title="评分情况" size="small" style={{ marginTop: 12 }}>
          <Descriptions
            size="small"
            column={1}
            items={t.scores.map((s) => ({
              key: s.evaluatorId,
              label: s.evaluatorName || '评价人员',
              children: `已评 ${manualCodes.filter((c) => s.scores[c] !== undefined).length}/${manualCodes.length} 项${
                s.submittedAt ? `（${formatDateTime(s.submittedAt)}）` : ''
              }`,
            }))}
          />
        </Card>
      )}
      <ReasonModal
        open={appealing}
        title="对评价结果提出异议"
        label="异议理由"
        okText="提交"
        min={10}
        max={2000}
        testId="appeal"
        extra={
          <Typography.Paragraph type="secondary">
            请写明异议的事实和理由；每轮评价只能提出一次异议，区级部门将在公示期内处理。
          </Typography.Paragraph>
        }
        onSubmit={async (reason) => {
          await appeal.mutateAsync({ id, orgId, reason });
          message.success('异议已提交');
        }}
        onClose={() => setAppealing(false)}
      />
      <ReasonModal
        open={!!deciding}
        title={deciding?.decision === 'uphold' ? '支持异议（重新评分）' : '维持评价结果'}
        label="处理意见"
        okText={deciding?.decision === 'uphold' ? '支持异议' : '维持结果'}
        min={4}
        testId="decision"
        extra={
          <Typography.Paragraph type="secondary">
            {deciding?.decision === 'uphold'
              ? '支持异议后，该组织重新计算系统指标并由评价人员重新评分，确认后更新公示结果。'
              : '维持结果后，公示的评价结果不变。'}
          </Typography.Paragraph>
        }
        onSubmit={async (reason) => {
          if (!deciding) return;
          await decide.mutateAsync({
            id: deciding.appeal.id,
            decision: deciding.decision,
            reason,
            version: deciding.appeal.version,
          });
          message.success('异议已处理');
        }}
        onClose={() => setDeciding(null)}
      />
    </div>
  );
}

export function Findings({ strengths, weaknesses }: { strengths: string[]; weaknesses: string[] }) {
  if (!strengths.length && !weaknesses.length) return null;
  return (
    <div className="eval-findings" data-testid="findings">
      {strengths.length > 0 && (
        <div>
          <Typography.Text strong style={{ color: '#389e0d' }}>
            优势
          </Typography.Text>
          <ul>
            {strengths.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      )}
      {weaknesses.length > 0 && (
        <div>
          <Typography.Text strong style={{ color: '#d46b08' }}>
            不足
          </Typography.Text>
          <ul>
            {weaknesses.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
