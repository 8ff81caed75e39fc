import { DownloadOutlined, QrcodeOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors, downloadFile, errorMessage } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCurrentUser } from '../auth/api';
import { type AttendanceRow, minutesText, useAttendance, useServiceMutations } from './api';
import { checkinStateColor, checkinStateLabel, ReviewModal } from './ReviewModal';

type BackfillForm = {
  kind: 'missing_checkout' | 'paper_sheet';
  mode: 'span' | 'minutes';
  span?: [Dayjs, Dayjs];
  hours?: number;
  reason: string;
};

function BackfillModal({
  activity,
  row,
  onClose,
}: {
  activity: { id: string; startsAt: string; endsAt: string };
  row: AttendanceRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<BackfillForm>();
  const { backfill } = useServiceMutations();
  const { message } = App.useApp();
  const mode = Form.useWatch('mode', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !row) return;
    const body: Record<string, unknown> = {
      volunteerId: row.volunteerId,
      kind: v.kind,
      reason: v.reason.trim(),
    };
    if (v.mode === 'span' && v.span) {
      body.from = v.span[0].toDate().toISOString();
      body.to = v.span[1].toDate().toISOString();
    } else body.minutes = Math.round((v.hours ?? 0) * 60);
    backfill.mutate(
      { activityId: activity.id, body },
      {
        onSuccess: (b) => {
          message.success(
            `已提交补录 ${minutesText(b.minutes)}${(b as { capped?: boolean }).capped ? '（已按活动时长封顶）' : ''}，请另一人复核`,
          );
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err)) message.error(errorMessage(err));
        },
      },
    );
  };
  return (
    <Modal
      title={row ? `补录服务时长：${row.realName}` : '补录'}
      open={!!row}
      onOk={submit}
      onCancel={onClose}
      okText="提交复核"
      cancelText="取消"
      confirmLoading={backfill.isPending}
      okButtonProps={{ 'data-testid': 'backfill-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: row?.checkedInAt ? 'missing_checkout' : 'paper_sheet',
          mode: 'span',
          span: [
            dayjs(
              row?.checkedInAt && row.checkedInAt > activity.startsAt ? row.checkedInAt : activity.startsAt,
            ),
            dayjs(activity.endsAt),
          ],
        }}
      >
        <Form.Item name="kind" label="补录类型">
          <Radio.Group data-testid="backfill-kind">
            <Radio value="missing_checkout" disabled={!row?.checkedInAt}>
              漏签退
            </Radio>
            <Radio value="paper_sheet">纸质签到表</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="mode" label="填写方式">
          <Radio.Group>
            <Radio value="span">服务时间段</Radio>
            <Radio value="minutes">服务时长</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'minutes' ? (
          <Form.Item
            name="hours"
            label="服务时长（小时）"
            extra="超过活动时长的部分不计"
            rules={[{ required: true, message: '请填写服务时长' }]}
          >
            <InputNumber min={0.1} max={24} step={0.5} style={{ width: 160 }} data-testid="backfill-hours" />
          </Form.Item>
        ) : (
          <Form.Item
            name="span"
            label="服务时间段"
            extra="只计活动时间内的部分"
            rules={[{ required: true, message: '请选择服务时间段' }]}
          >
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label="补录原因"
          rules={[
            { required: true, whitespace: true, message: '请填写补录原因' },
            { max: 500, message: '不超过 500 字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            placeholder="如：志愿者忘记签退，活动负责人现场确认"
            data-testid="backfill-reason"
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        补录提交后须由另一名有权限的工作人员复核，通过后计入服务时长并标注“补录”。
      </Typography.Text>
    </Modal>
  );
}

/** Attendance of one activity: check-in/out times, records, backfills and no-shows. */
export default function AttendancePage() {
  const { id = '' } = useParams();
  const q = useAttendance(id);
  const me = useCurrentUser();
  const { decideBackfill, noShows } = useServiceMutations();
  const { message, modal } = App.useApp();
  const [backfillRow, setBackfillRow] = useState<AttendanceRow | null>(null);
  const [reviewRow, setReviewRow] = useState<AttendanceRow | null>(null);
  const [selected, setSelected] = useState<string[]>([]);

  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const a = d?.activity;
  const started = a ? Date.now() >= new Date(a.startsAt).getTime() : false;
  const noShowable = (r: AttendanceRow) =>
    !r.checkedInAt && !r.record && !r.noShow && r.backfill?.state !== 'pending';

  const markNoShows = () =>
    modal.confirm({
      title: `确认将 ${selected.length} 名志愿者标记为缺席？`,
      content: '缺席会计入志愿者信用记录（录用后未到场），志愿者可以申诉。',
      okText: '确认标记',
      cancelText: '取消',
      onOk: () =>
        noShows.mutateAsync({ activityId: id, volunteerIds: selected }).then(
          (r) => {
            message.success(`已标记 ${r.marked} 人${r.already ? `，${r.already} 人此前已标记` : ''}`);
            setSelected([]);
          },
          (err) => message.error(errorMessage(err)),
        ),
    });

  return (
    <div>
      <PageHeader
        back
        title={a ? `签到情况：${a.title}` : '签到情况'}
        sub={a ? `${formatDateTime(a.startsAt)} – ${formatDateTime(a.endsAt)} · ${a.place}` : undefined}
        extra={
          <>
            {d?.canManage && a?.status === 'published' && (
              <Link to={`/activities/${id}/checkin`}>
                <Button type="primary" icon={<QrcodeOutlined />} data-testid="open-checkin-screen">
                  签到二维码
                </Button>
              </Link>
            )}
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadFile(`/v1/activities/${id}/attendance/export`, undefined, '签到表.xlsx').catch((e) =>
                  message.error(errorMessage(e)),
                )
              }
            >
              导出签到表
            </Button>
          </>
        }
      />
      {a?.ended && d && d.summary.approved > d.summary.records + d.summary.noShow && (
        <Alert
          type={a.deadline.overdue ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={a.deadline.message}
          description={`按规定，服务记录应在活动结束后10个工作日内完成（截止 ${formatDate(a.deadline.deadline)}）。`}
          data-testid="attendance-deadline"
        />
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(
          [
            ['录用', d?.summary.approved],
            ['已签到', d?.summary.checkedIn],
            ['已签退', d?.summary.checkedOut],
            ['服务记录', d?.summary.records],
            ['补录待复核', d?.summary.backfillPending],
            ['缺席', d?.summary.noShow],
          ] as const
        ).map(([t, v]) => (
          <Col xs={8} md={4} key={t}>
            <Card size="small">
              <Statistic title={t} value={v ?? 0} loading={q.isPending} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title="录用志愿者"
        extra={
          d?.canManage &&
          a?.ended && (
            <Button danger disabled={!selected.length} onClick={markNoShows} data-testid="mark-no-shows">
              标记缺席{selected.length ? `（${selected.length}）` : ''}
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<AttendanceRow>
          rowKey="volunteerId"
          loading={q.isPending}
          dataSource={d?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          data-testid="attendance-table"
          rowSelection={
            d?.canManage && a?.ended
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as string[]),
                  getCheckboxProps: (r) => ({ disabled: !noShowable(r) }),
                }
              : undefined
          }
          columns={[
            { title: '志愿者编号', dataIndex: 'volunteerNumber', width: 200 },
            {
              title: '姓名',
              dataIndex: 'realName',
              width: 100,
              render: (n: string, r) => <Link to={`/volunteers/${r.volunteerId}`}>{n}</Link>,
            },
            { title: '手机号', dataIndex: 'phoneMasked', width: 120 },
            { title: '签到', dataIndex: 'checkedInAt', width: 150, render: formatDateTime },
            { title: '签退', dataIndex: 'checkedOutAt', width: 150, render: formatDateTime },
            {
              title: '状态',
              dataIndex: 'state',
              width: 110,
              render: (s: string) => <Tag color={checkinStateColor[s]}>{checkinStateLabel[s] ?? s}</Tag>,
            },
            {
              title: '服务时长',
              width: 120,
              render: (_: unknown, r) =>
                r.record ? (
                  <span>
                    {minutesText(r.record.minutes)}
                    {r.record.source === 'backfill' && <Tag style={{ marginLeft: 4 }}>补录</Tag>}
                  </span>
                ) : r.backfill?.state === 'pending' ? (
                  <Typography.Text type="secondary">待复核 {minutesText(r.backfill.minutes)}</Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: '操作',
              width: 150,
              fixed: 'right',
              render: (_: unknown, r) => (
                <Space size={4}>
                  {d?.canManage && started && !r.record && r.backfill?.state !== 'pending' && !r.noShow && (
                    <Button
                      size="small"
                      onClick={() => setBackfillRow(r)}
                      data-testid={`backfill-${r.volunteerNumber}`}
                    >
                      补录
                    </Button>
                  )}
                  {d?.canReview && r.backfill?.state === 'pending' && r.backfill.enteredBy !== me.user.id && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setReviewRow(r)}
                      data-testid={`review-backfill-${r.volunteerNumber}`}
                    >
                      复核补录
                    </Button>
                  )}
                  {r.backfill?.state === 'pending' && r.backfill.enteredBy === me.user.id && (
                    <Typography.Text type="secondary">待他人复核</Typography.Text>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {a && <BackfillModal activity={a} row={backfillRow} onClose={() => setBackfillRow(null)} />}
      <ReviewModal
        open={!!reviewRow}
        title="复核补录"
        testId="backfill-review"
        version={reviewRow?.backfill?.version ?? 1}
        pending={decideBackfill.isPending}
        onClose={() => setReviewRow(null)}
        onSubmit={(v) => decideBackfill.mutateAsync({ id: reviewRow!.backfill!.id, ...v })}
        summary={
          reviewRow && (
            <Typography.Paragraph style={{ margin: 0 }}>
              {reviewRow.realName}（{reviewRow.volunteerNumber}）补录{' '}
              {minutesText(reviewRow.backfill?.minutes)}
            </Typography.Paragraph>
          )
        }
      />
    </div>
  );
}
