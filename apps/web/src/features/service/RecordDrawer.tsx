import { Descriptions, Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime } from '../../lib/format';
import { minutesText, type ServiceRecord, useServiceRecord } from './api';
import { reviewStateColor } from './ReviewModal';

export const sourceTag = (r: Pick<ServiceRecord, 'source' | 'sourceLabel'>) => (
  <Tag color={r.source === 'backfill' ? 'orange' : 'blue'}>{r.sourceLabel}</Tag>
);

/** One service record with its revisions (corrections) and amendment requests. */
export function RecordDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useServiceRecord(id);
  const r = q.data;
  return (
    <Drawer title="服务记录" open={!!id} onClose={onClose} width={640} destroyOnHidden>
      {q.error ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : r ? (
        <div data-testid="record-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="志愿者">
              {r.volunteerName}（{r.volunteerNumber}）
            </Descriptions.Item>
            <Descriptions.Item label="服务项目">{r.title}</Descriptions.Item>
            <Descriptions.Item label="服务类别">{r.categoryLabel}</Descriptions.Item>
            <Descriptions.Item label="服务内容">{r.content}</Descriptions.Item>
            <Descriptions.Item label="服务地点">{r.place}</Descriptions.Item>
            <Descriptions.Item label="服务时间">
              {formatDateTime(r.startedAt)} – {formatDateTime(r.endedAt)}
            </Descriptions.Item>
            <Descriptions.Item label="服务时长">
              {minutesText(r.minutes)} {sourceTag(r)}
            </Descriptions.Item>
            <Descriptions.Item label="组织单位">{r.organizerName}</Descriptions.Item>
            {r.leaderName && <Descriptions.Item label="负责人">{r.leaderName}</Descriptions.Item>}
            <Descriptions.Item label="记录人">
              {r.recorderName} · {formatDateTime(r.recordedAt)}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={r.status === 'valid' ? 'success' : 'default'}>{r.statusLabel}</Tag> 第{' '}
              {r.revision + 1} 版
            </Descriptions.Item>
          </Descriptions>
          {r.backfill && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                补录
              </Typography.Title>
              <Typography.Paragraph>
                {r.backfill.kindLabel}：{r.backfill.enteredByName} 于 {formatDateTime(r.backfill.enteredAt)}{' '}
                录入， 理由“{r.backfill.reason}”；{r.backfill.decidedByName} 于{' '}
                {formatDateTime(r.backfill.decidedAt)} 复核{r.backfill.stateLabel}。
              </Typography.Paragraph>
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            版本历史
          </Typography.Title>
          <Timeline
            items={r.revisions.map((x) => ({
              color: x.status === 'valid' ? 'green' : 'gray',
              children: (
                <div data-testid="record-revision">
                  第 {x.revision + 1} 版 · {minutesText(x.minutes)} · {formatDate(x.serviceDate)} ·{' '}
                  {x.statusLabel}
                  <div style={{ color: '#888', fontSize: 12 }}>
                    {x.recorderName} 记录于 {formatDateTime(x.recordedAt)}
                  </div>
                </div>
              ),
            }))}
          />
          <Typography.Title level={5}>更正申请</Typography.Title>
          {r.amendments.length ? (
            <Timeline
              items={r.amendments.map((m) => ({
                children: (
                  <div>
                    <Tag color={reviewStateColor[m.state]}>{m.stateLabel}</Tag>
                    {formatDateTime(m.requestedAt)} 申请：{m.reason}
                    <div style={{ color: '#888', fontSize: 12 }}>
                      {m.proposed.minutes !== undefined && `时长改为 ${minutesText(m.proposed.minutes)}；`}
                      {m.proposed.startedAt &&
                        `时间改为 ${formatDateTime(m.proposed.startedAt)} – ${formatDateTime(m.proposed.endedAt)}；`}
                      {m.proposed.content && `内容改为“${m.proposed.content}”；`}
                      {m.decidedByName && `${m.decidedByName} 处理`}
                      {m.decisionReason && `：${m.decisionReason}`}
                    </div>
                  </div>
                ),
              }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有更正申请" />
          )}
        </div>
      ) : null}
    </Drawer>
  );
}
