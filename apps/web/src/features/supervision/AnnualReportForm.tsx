import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type AnnualReportContent,
  incomeSourceLabels,
  incomeSources,
  spendingPurposeLabels,
  spendingPurposes,
} from '@linli/core/schemas/annualReport';
import {
  Button,
  Col,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { ApiError, applyFieldErrors } from '../../lib/api';
import { maxLen, requiredSelect } from '../../lib/rules';
import './supervision.css';

/** The form as edited: amounts in yuan (the report stores integer fen). */
export type ReportFormValues = Omit<AnnualReportContent, 'projects' | 'income' | 'spending'> & {
  projects: { name: string; beneficiaries: number | null; spent: number | null }[];
  income: { source: string; amount: number | null }[];
  spending: { purpose: string; amount: number | null }[];
};

const yuan = (fen: number) => fen / 100;
const fen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);
const num = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
const str = (s: string | null | undefined) => (s ?? '').trim();

export function toForm(c: AnnualReportContent): ReportFormValues {
  return {
    ...c,
    projects: c.projects.map((p) => ({
      name: p.name,
      beneficiaries: p.beneficiaries,
      spent: yuan(p.spentFen),
    })),
    income: c.income.map((x) => ({ source: x.source, amount: yuan(x.amountFen) })),
    spending: c.spending.map((x) => ({ purpose: x.purpose, amount: yuan(x.amountFen) })),
  };
}

export function fromForm(v: ReportFormValues): AnnualReportContent {
  return {
    summary: str(v.summary),
    activitiesHeld: num(v.activitiesHeld),
    participants: num(v.participants),
    projects: (v.projects ?? []).map((p) => ({
      name: str(p.name),
      beneficiaries: num(p.beneficiaries),
      spentFen: fen(p.spent),
    })),
    members: {
      count: num(v.members?.count),
      joined: num(v.members?.joined),
      left: num(v.members?.left),
    },
    leaderChanged: !!v.leaderChanged,
    leaderChangeNote: v.leaderChanged ? str(v.leaderChangeNote) : '',
    income: (v.income ?? []).map((x) => ({
      source: x.source as AnnualReportContent['income'][number]['source'],
      amountFen: fen(x.amount),
    })),
    spending: (v.spending ?? []).map((x) => ({
      purpose: x.purpose as AnnualReportContent['spending'][number]['purpose'],
      amountFen: fen(x.amount),
    })),
    partyBuilding: str(v.partyBuilding),
    volunteerWork: str(v.volunteerWork),
    training: (v.training ?? []).map((t) => ({ course: str(t.course), hours: num(t.hours) })),
    disclosure: str(v.disclosure),
  };
}

/**
 * The server's field errors (`content.members.count`, `content.income.0.amountFen`) onto the
 * form, whose amount fields are in yuan (`income.0.amount`). True when one was shown.
 */
export function showReportErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  const fields = Object.fromEntries(
    Object.entries(err.fields).map(([k, m]) => [
      k
        .replace(/^(content|body)\./, '')
        .replace(/\.amountFen$/, '.amount')
        .replace(/\.spentFen$/, '.spent'),
      m,
    ]),
  );
  return applyFieldErrors(form, new ApiError(err.status, err.code, err.message, fields), ['content']);
}

const formatYuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const count = (max = 1_000_000) => ({ min: 0, max, precision: 0, style: { width: '100%' } });
const money = { min: 0, max: 100_000_000, precision: 2, prefix: '¥', style: { width: '100%' } };
const sourceOptions = incomeSources.map((s) => ({ value: s, label: incomeSourceLabels[s] }));
const purposeOptions = spendingPurposes.map((s) => ({ value: s, label: spendingPurposeLabels[s] }));

function Section({ title }: { title: string }) {
  return (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      <Typography.Text strong>{title}</Typography.Text>
    </Divider>
  );
}

/** A Form.List of rows; the add button and the remove icons only while editing. */
function ListRows({
  name,
  editable,
  addLabel,
  empty,
  max,
  blank,
  row,
}: {
  name: string;
  editable: boolean;
  addLabel: string;
  empty: string;
  max: number;
  blank: Record<string, unknown>;
  row: (field: { name: number; key: number }) => ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }, { errors }) => (
        <div data-testid={`report-${name}`}>
          {fields.length === 0 && !editable && (
            <Typography.Paragraph type="secondary">{empty}</Typography.Paragraph>
          )}
          {fields.map((f) => (
            <Row key={f.key} gutter={[12, 0]} wrap={false} align="top">
              <Col flex="auto" style={{ minWidth: 0 }}>
                <Row gutter={[12, 0]}>{row(f)}</Row>
              </Col>
              {editable && (
                <Col flex="none">
                  <Button
                    type="text"
                    aria-label="删除此行"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    style={{ marginTop: 30 }}
                  />
                </Col>
              )}
            </Row>
          ))}
          {editable && fields.length < max && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add(blank)}
              style={{ marginBottom: 16 }}
              data-testid={`report-${name}-add`}
            >
              {addLabel}
            </Button>
          )}
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}

/** The annual report form (年度工作报告): editable for the leader while a draft or returned, read-only otherwise. */
export function AnnualReportForm({
  form,
  initial,
  editable,
}: {
  form: FormInstance<ReportFormValues>;
  initial: AnnualReportContent;
  editable: boolean;
}) {
  const leaderChanged = Form.useWatch('leaderChanged', form);
  const income = Form.useWatch('income', form) as ReportFormValues['income'] | undefined;
  const spending = Form.useWatch('spending', form) as ReportFormValues['spending'] | undefined;
  const sum = (xs: { amount: number | null }[] | undefined) =>
    (xs ?? []).reduce((s, x) => s + fen(x?.amount), 0);

  return (
    <Form<ReportFormValues>
      form={form}
      layout="vertical"
      disabled={!editable}
      className={editable ? undefined : 'report-readonly'}
      requiredMark={editable}
      initialValues={toForm(initial)}
      scrollToFirstError
      data-testid="report-form"
    >
      <Section title="一、年度工作总结" />
      <Form.Item
        name="summary"
        label="年度工作总结"
        required={editable}
        extra={editable ? '概述本年度开展的主要工作、取得的成效和存在的问题，不少于 20 字' : undefined}
        rules={[maxLen(5000)]}
      >
        <Input.TextArea rows={5} maxLength={5000} data-testid="report-summary" />
      </Form.Item>

      <Section title="二、活动与服务项目" />
      <Row gutter={16}>
        <Col xs={12} sm={8}>
          <Form.Item name="activitiesHeld" label="全年开展活动次数">
            <InputNumber {...count(10_000)} data-testid="report-activities" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="participants" label="参与活动人次">
            <InputNumber {...count()} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        服务项目
      </Typography.Paragraph>
      <ListRows
        name="projects"
        editable={editable}
        addLabel="增加服务项目"
        empty="未填报服务项目"
        max={50}
        blank={{ name: '', beneficiaries: 0, spent: 0 }}
        row={(f) => (
          <>
            <Col xs={24} sm={12}>
              <Form.Item
                name={[f.name, 'name']}
                label="项目名称"
                rules={[{ required: true, whitespace: true, message: '请填写项目名称' }, maxLen(100)]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name={[f.name, 'beneficiaries']} label="受益人次">
                <InputNumber {...count()} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name={[f.name, 'spent']} label="项目支出（元）">
                <InputNumber {...money} />
              </Form.Item>
            </Col>
          </>
        )}
      />

      <Section title="三、成员与负责人" />
      <Row gutter={16}>
        <Col xs={12} sm={8}>
          <Form.Item name={['members', 'count']} label="年末成员数" required={editable}>
            <InputNumber {...count()} data-testid="report-members" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name={['members', 'joined']} label="本年新增成员">
            <InputNumber {...count()} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name={['members', 'left']} label="本年退出成员">
            <InputNumber {...count()} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="leaderChanged" label="本年度负责人是否变更">
        <Radio.Group
          options={[
            { value: false, label: '未变更' },
            { value: true, label: '有变更' },
          ]}
        />
      </Form.Item>
      {leaderChanged && (
        <Form.Item
          name="leaderChangeNote"
          label="负责人变更情况"
          rules={[{ required: true, whitespace: true, message: '负责人有变更时请说明变更情况' }, maxLen(500)]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}

      <Section title="四、财务收支" />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        收入明细（金额以元为单位，精确到分）
      </Typography.Paragraph>
      <ListRows
        name="income"
        editable={editable}
        addLabel="增加收入"
        empty="未填报收入"
        max={20}
        blank={{ source: undefined, amount: null }}
        row={(f) => (
          <>
            <Col xs={12} sm={12}>
              <Form.Item name={[f.name, 'source']} label="收入来源" rules={[requiredSelect('收入来源')]}>
                <Select options={sourceOptions} placeholder="选择来源" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12}>
              <Form.Item
                name={[f.name, 'amount']}
                label="金额（元）"
                rules={[{ required: true, message: '请填写收入金额' }]}
              >
                <InputNumber {...money} />
              </Form.Item>
            </Col>
          </>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        支出明细
      </Typography.Paragraph>
      <ListRows
        name="spending"
        editable={editable}
        addLabel="增加支出"
        empty="未填报支出"
        max={20}
        blank={{ purpose: undefined, amount: null }}
        row={(f) => (
          <>
            <Col xs={12} sm={12}>
              <Form.Item name={[f.name, 'purpose']} label="支出用途" rules={[requiredSelect('支出用途')]}>
                <Select options={purposeOptions} placeholder="选择用途" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12}>
              <Form.Item
                name={[f.name, 'amount']}
                label="金额（元）"
                rules={[{ required: true, message: '请填写支出金额' }]}
              >
                <InputNumber {...money} />
              </Form.Item>
            </Col>
          </>
        )}
      />
      <Typography.Paragraph data-testid="report-totals">
        收入合计 <Typography.Text strong>{formatYuan(sum(income))}</Typography.Text>
        ，支出合计 <Typography.Text strong>{formatYuan(sum(spending))}</Typography.Text>
      </Typography.Paragraph>

      <Section title="五、党建与志愿服务" />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="partyBuilding" label="党建工作情况" rules={[maxLen(1000)]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="volunteerWork" label="志愿服务记录工作" rules={[maxLen(1000)]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Col>
      </Row>

      <Section title="六、培训与信息公开" />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        参加培训
      </Typography.Paragraph>
      <ListRows
        name="training"
        editable={editable}
        addLabel="增加培训"
        empty="未填报培训"
        max={50}
        blank={{ course: '', hours: 0 }}
        row={(f) => (
          <>
            <Col xs={16} sm={16}>
              <Form.Item
                name={[f.name, 'course']}
                label="培训名称"
                rules={[{ required: true, whitespace: true, message: '请填写培训名称' }, maxLen(100)]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={8} sm={8}>
              <Form.Item name={[f.name, 'hours']} label="学时">
                <InputNumber min={0} max={1000} precision={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        )}
      />
      <Form.Item name="disclosure" label="信息公开情况" rules={[maxLen(1000)]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </Form>
  );
}
