import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  type FormInstance,
  Row,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ApiError, validated } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCan } from '../auth/api';
import { RegionName } from '../volunteers/RegionName';
import {
  AnnualReportForm,
  fromForm,
  type ReportFormValues,
  showReportErrors,
  toForm,
} from './AnnualReportForm';
import { type AnnualReport, useAnnualReport, useReportMutations } from './api';
import { cleanMessage, dueColor, dueLabel, reviewColor, reviewLabel, tierLabel } from './labels';
import { ReportHistory, ReviewActions } from './ReportReview';

const dueAlert: Record<string, 'success' | 'info' | 'warning' | 'error'> = {
  not_open: 'info',
  open: 'info',
  due_soon: 'warning',
  overdue: 'error',
  submitted_on_time: 'success',
  submitted_late: 'warning',
};

/** 保存草稿 and 提交 for the organization's leader. */
function LeaderActions({
  report,
  form,
  onStale,
}: {
  report: AnnualReport;
  form: FormInstance<ReportFormValues>;
  onStale: () => void;
}) {
  const { save, event } = useReportMutations(report.organization.id, report.reportYear);
  const { message, modal } = App.useApp();
  const submitLabel = report.actions.find((a) => a.event === 'submit')?.label ?? '提交';

  const failed = (err: unknown) => {
    showReportErrors(form, err);
    message.error(cleanMessage(err));
    if (err instanceof ApiError && err.status === 409) onStale();
  };

  const saveDraft = async (v: ReportFormValues) => {
    try {
      return await save.mutateAsync({ content: fromForm(v), version: report.version });
    } catch (err) {
      failed(err);
      return null;
    }
  };

  const onSave = async () => {
    const v = await validated(form);
    if (!v) return;
    if (await saveDraft(v)) message.success('草稿已保存');
  };

  const onSubmit = async () => {
    const v = await validated(form);
    if (!v) return;
    const reviewer = report.tier === 'filed' ? '街道' : '区民政局';
    modal.confirm({
      title: `${submitLabel}${report.reportYear}年度报告？`,
      content: `提交后不能再修改，由${reviewer}审核；审核中退回的，可修改后重新提交。`,
      okText: submitLabel,
      cancelText: '取消',
      onOk: async () => {
        const saved = await saveDraft(v);
        if (!saved?.id) return;
        try {
          await event.mutateAsync({ id: saved.id, event: 'submit', version: saved.version });
          message.success(`${report.reportYear}年度报告已提交，等待${reviewer}审核`);
        } catch (err) {
          failed(err);
        }
      },
    });
  };

  return (
    <Space wrap>
      <Button onClick={onSave} loading={save.isPending && !event.isPending} data-testid="report-save">
        保存草稿
      </Button>
      <Button type="primary" onClick={onSubmit} loading={event.isPending} data-testid="report-submit">
        {submitLabel}
      </Button>
    </Space>
  );
}

function ReportPage({
  report,
  refetch,
}: {
  report: AnnualReport;
  refetch: () => Promise<AnnualReport | undefined>;
}) {
  const [form] = Form.useForm<ReportFormValues>();
  const can = useCan();
  const r = report;
  const onStale = async () => {
    const fresh = await refetch();
    if (fresh) form.setFieldsValue(toForm(fresh.content));
  };
  const reviewerHint =
    r.status === 'submitted' && r.actions.length === 0 && can('annual_report.review')
      ? r.tier === 'filed'
        ? '备案类组织的年度报告由所在街道审核'
        : '登记类组织的年度报告由区民政局审核'
      : null;

  return (
    <div>
      <PageHeader
        back="/annual-reports"
        title={
          <Space wrap size={8}>
            <span data-testid="report-title">
              {r.organization.name} · {r.reportYear}年度报告
            </span>
            <Tag color={reviewColor[r.exists ? r.status : 'none']} data-testid="report-status-tag">
              {r.exists ? reviewLabel(r.status, r.statusLabel) : reviewLabel('none')}
            </Tag>
          </Space>
        }
        sub={`${tierLabel(r.tier)}组织 · 报送期 ${r.window.opensOn} 至 ${r.window.deadline}`}
        extra={<ReviewActions report={r} onStale={onStale} />}
      />
      <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 12 }}>
        {!r.mustReport && (
          <Alert
            type="info"
            showIcon
            title={`该组织无需报送${r.reportYear}年度报告（仅备案、登记的组织在当年年末存续时报送）`}
          />
        )}
        <Alert
          type={dueAlert[r.due.status] ?? 'info'}
          showIcon
          title={r.due.message}
          data-testid="report-due-message"
        />
        {r.reviewReason && (r.status === 'returned' || r.status === 'fail') && (
          <Alert
            type={r.status === 'fail' ? 'error' : 'warning'}
            showIcon
            title={`${r.status === 'fail' ? '审核不合格' : '退回修改'}：${r.reviewReason}`}
            data-testid="report-review-reason"
          />
        )}
        {reviewerHint && (
          <Alert type="info" showIcon title={reviewerHint} data-testid="report-reviewer-hint" />
        )}
        {!r.exists && (
          <Alert
            type="info"
            showIcon
            title={
              r.canEdit
                ? '尚未填报。活动次数、参与人次、成员数和志愿服务时长已按平台记录预填，请核对后补充。'
                : '该组织尚未填报，以下为按平台记录预填的内容。'
            }
          />
        )}
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={17}>
          <Card title="报告内容">
            <AnnualReportForm
              key={`${r.organization.id}-${r.reportYear}`}
              form={form}
              initial={r.content}
              editable={r.canEdit}
            />
            {r.canEdit && <LeaderActions report={r} form={form} onStale={onStale} />}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card title="报送情况">
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'org',
                    label: '组织',
                    children: <Link to={`/organizations/${r.organization.id}`}>{r.organization.name}</Link>,
                  },
                  {
                    key: 'region',
                    label: '所属社区',
                    children: <RegionName code={r.organization.regionCode} />,
                  },
                  { key: 'tier', label: '组织类型', children: tierLabel(r.tier) },
                  { key: 'deadline', label: '截止日期', children: r.window.deadline },
                  {
                    key: 'due',
                    label: '报送状态',
                    children: <Tag color={dueColor[r.due.status]}>{dueLabel(r.due.status)}</Tag>,
                  },
                  { key: 'first', label: '首次报送', children: formatDate(r.firstSubmittedOn) },
                  { key: 'reviewed', label: '审核时间', children: formatDateTime(r.reviewedAt) },
                ]}
              />
            </Card>
            {r.advice.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title="审核提示"
                data-testid="report-advice"
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {r.advice.map((a) => (
                      <li key={a}>{a}</li>
                    ))}
                  </ul>
                }
              />
            )}
            <Card title="提交与审核记录">
              <ReportHistory reportId={r.id} />
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}

export default function AnnualReportDetailPage() {
  const { orgId = '', year: yearParam = '' } = useParams();
  const year = /^\d{4}$/.test(yearParam) ? Number(yearParam) : Number.NaN;
  const report = useAnnualReport(orgId, year, Number.isFinite(year));
  if (!Number.isFinite(year)) return <QueryError error={new ApiError(404, 'not_found', '报告年度不正确')} />;
  if (report.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (report.error) return <QueryError error={report.error} onRetry={() => report.refetch()} />;
  return <ReportPage report={report.data} refetch={async () => (await report.refetch()).data} />;
}
