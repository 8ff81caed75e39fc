import { Steps, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { appStateLabels, labelOf, roleLabel } from '../../lib/labels';
import type { AppDetail } from '../../lib/types';

/** The main path of each kind (state → step title); side states (returned, rejected) mark a step red. */
const FLOWS: Record<string, { state: string; title: string }[]> = {
  filing: [
    { state: 'draft', title: '填写申请' },
    { state: 'community_review', title: '社区初审' },
    { state: 'street_review', title: '街道审核' },
    { state: 'filed', title: '备案发证' },
  ],
  change: [
    { state: 'draft', title: '填写变更' },
    { state: 'community_review', title: '社区初审' },
    { state: 'street_review', title: '街道审核' },
    { state: 'approved', title: '完成变更' },
  ],
  registration: [
    { state: 'draft', title: '街道推荐' },
    { state: 'district_review', title: '区级审核' },
    { state: 'registered', title: '准予登记' },
  ],
  exit: [
    { state: 'draft', title: '提出退出' },
    { state: 'street_review', title: '审核' },
    { state: 'exited', title: '已退出' },
  ],
};

const END_LABELS: Record<string, string> = { rejected: '不予办理', withdrawn: '已撤回' };

/** The expected path of a filing, with where the application stands now. */
export function AppProgress({ app }: { app: AppDetail }) {
  const flow = FLOWS[app.kind];
  if (!flow) return null;
  let current = flow.findIndex((s) => s.state === app.state);
  let status: 'process' | 'error' | 'finish' = 'process';
  if (app.state === 'returned') {
    current = 0;
    status = 'error';
  } else if (app.state === 'rejected' || app.state === 'withdrawn') {
    current = flow.length - 1;
    status = 'error';
  } else if (current === flow.length - 1) status = 'finish';
  if (current < 0) current = 0;
  return (
    <Steps
      size="small"
      current={current}
      status={status}
      responsive={false}
      titlePlacement="vertical"
      style={{ marginBottom: 16 }}
      items={flow.map((s, i) => ({
        title:
          i === 0 && app.state === 'returned'
            ? '退回补正'
            : i === flow.length - 1 && END_LABELS[app.state]
              ? app.stateLabel || END_LABELS[app.state]
              : s.title,
      }))}
    />
  );
}

/** Every step: who (with role), when, what and why. */
export function AppTimeline({ app }: { app: AppDetail }) {
  if (!app.steps.length) return <Typography.Text type="secondary">尚未提交</Typography.Text>;
  return (
    <Timeline
      data-testid="app-steps"
      items={app.steps.map((s, i) => {
        const bad = s.event === 'return' || s.event === 'reject';
        return {
          key: `${s.at}-${i}`,
          color: bad ? 'red' : s.toState === 'filed' || s.toState === 'registered' ? 'green' : 'blue',
          content: (
            <div data-testid="app-step">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(s.at)}
              </Typography.Text>
              <div>
                <Typography.Text strong>{s.eventLabel}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {labelOf(appStateLabels, s.fromState, s.fromStateLabel)} →{' '}
                  {labelOf(appStateLabels, s.toState, s.toStateLabel)}
                </Typography.Text>
              </div>
              <div>
                {s.actorName ?? '系统'}
                {s.actorRole && (
                  <Typography.Text type="secondary">
                    （{s.actorRoleLabel ?? roleLabel(s.actorRole)}）
                  </Typography.Text>
                )}
              </div>
              {s.reason && (
                <div
                  style={{
                    marginTop: 4,
                    padding: '4px 8px',
                    background: bad ? '#fff2f0' : '#f6f8fa',
                    borderRadius: 4,
                  }}
                >
                  理由：{s.reason}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
