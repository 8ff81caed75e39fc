import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ApiError, applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { useCan } from '../auth/api';
import {
  useSaveVolunteerRules,
  useSaveVolunteerTargets,
  useVolunteerRules,
  useVolunteerTargets,
  type VolunteerRules,
  type VolunteerTargets,
} from './volunteerSettingsApi';

const STAR_NAMES = ['一星', '二星', '三星', '四星', '五星', '六星', '七星', '八星', '九星', '十星'];

type RulesForm = {
  thresholds: number[];
  basis: 'lifetime' | 'year';
  rate: number;
  rounding: 'floor' | 'round' | 'ceil';
  expiryKind: 'never' | 'yearEnd' | 'afterYears';
  expiryYears?: number;
  periodSeconds: number;
  graceSteps: number;
  openBeforeMinutes: number;
  closeAfterMinutes: number;
  holidays: Dayjs[];
  makeupWorkdays: Dayjs[];
};

const toForm = (r: VolunteerRules): RulesForm => ({
  thresholds: r.stars.thresholds,
  basis: r.stars.basis,
  rate: r.earn.rate,
  rounding: r.earn.rounding,
  expiryKind: r.expiry === 'never' ? 'never' : r.expiry.kind,
  expiryYears: r.expiry === 'never' ? 2 : r.expiry.years,
  ...r.checkin,
  holidays: r.calendar.holidays.map((d) => dayjs(d)),
  makeupWorkdays: r.calendar.makeupWorkdays.map((d) => dayjs(d)),
});

const days = (ds: Dayjs[] | undefined) => [...new Set((ds ?? []).map((d) => d.format('YYYY-MM-DD')))].sort();

/** The server's field paths (`stars.thresholds`, `earn.rate`, …) onto this page's flat form. */
const FIELD_OF: Record<string, string> = {
  'stars.thresholds': 'thresholds',
  'stars.basis': 'basis',
  'earn.rate': 'rate',
  'earn.rounding': 'rounding',
  expiry: 'expiryKind',
  'expiry.years': 'expiryYears',
  'checkin.periodSeconds': 'periodSeconds',
  'checkin.graceSteps': 'graceSteps',
  'checkin.openBeforeMinutes': 'openBeforeMinutes',
  'checkin.closeAfterMinutes': 'closeAfterMinutes',
  'calendar.holidays': 'holidays',
  'calendar.makeupWorkdays': 'makeupWorkdays',
};

function RulesCard() {
  const can = useCan();
  const editable = can('targets.manage');
  const rules = useVolunteerRules();
  const save = useSaveVolunteerRules();
  const [form] = Form.useForm<RulesForm>();
  const { message, modal } = App.useApp();
  const expiryKind = Form.useWatch('expiryKind', form);

  if (rules.isPending) return <Skeleton active />;
  if (rules.error || !rules.data) return <QueryError error={rules.error} onRetry={() => rules.refetch()} />;
  const r = rules.data;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const body = {
      stars: { thresholds: v.thresholds, basis: v.basis },
      earn: { rate: v.rate, rounding: v.rounding },
      expiry:
        v.expiryKind === 'never' ? ('never' as const) : { kind: v.expiryKind, years: v.expiryYears ?? 1 },
      checkin: {
        periodSeconds: v.periodSeconds,
        graceSteps: v.graceSteps,
        openBeforeMinutes: v.openBeforeMinutes,
        closeAfterMinutes: v.closeAfterMinutes,
      },
      calendar: { holidays: days(v.holidays), makeupWorkdays: days(v.makeupWorkdays) },
      version: r.version,
    };
    modal.confirm({
      title: '保存志愿服务规则？',
      content: '新规则对此后的星级评定、积分发放、签到和工作日计算生效，已入账的积分不会重算。',
      okText: '保存',
      cancelText: '取消',
      onOk: () =>
        save.mutateAsync(body).then(
          () => message.success('志愿服务规则已保存'),
          (err) => {
            if (err instanceof ApiError) {
              const fields = Object.fromEntries(
                Object.entries(err.fields).map(([k, m]) => [FIELD_OF[k.replace(/\.\d+$/, '')] ?? k, m]),
              );
              applyFieldErrors(form, new ApiError(err.status, err.code, err.message, fields));
              if (err.status === 409) rules.refetch();
            }
            message.error(errorMessage(err));
          },
        ),
    });
  };

  return (
    <Card title="志愿服务规则" data-testid="volunteer-rules">
      <Typography.Paragraph type="secondary">
        星级按服务时长评定（一星 100 小时起为常见做法），积分按时长×每小时积分×难度系数发放。
        各地标准不同，由市民政局在此配置；每次修改都记入审计日志。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        key={r.version}
        disabled={!editable}
        initialValues={toForm(r)}
        // a ladder error from the server belongs to the whole list: clear it once the list changes
        onValuesChange={(changed) => {
          if ('thresholds' in changed) form.setFields([{ name: 'thresholds', errors: [] }]);
        }}
        data-testid="volunteer-rules-form"
      >
        <Typography.Title level={5}>星级</Typography.Title>
        <Form.Item name="basis" label="计算口径">
          <Radio.Group
            options={[
              { value: 'lifetime', label: '累计服务时长' },
              { value: 'year', label: '本年度服务时长' },
            ]}
          />
        </Form.Item>
        <Form.List name="thresholds">
          {(fields, { add, remove }, { errors }) => (
            <Row gutter={[12, 0]}>
              {fields.map((f, i) => (
                <Col xs={12} sm={8} md={6} key={f.key}>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item
                      name={f.name}
                      label={`${STAR_NAMES[i] ?? `${i + 1}星`}（小时）`}
                      rules={[{ required: true, message: '请填写小时数' }]}
                      style={{ flex: 1 }}
                    >
                      <InputNumber min={1} max={100000} style={{ width: '100%' }} />
                    </Form.Item>
                    {editable && fields.length > 1 && i === fields.length - 1 && (
                      <Button
                        type="text"
                        aria-label="删除最高星级"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(f.name)}
                        style={{ marginTop: 30 }}
                      />
                    )}
                  </Space.Compact>
                </Col>
              ))}
              {editable && fields.length < 10 && (
                <Col xs={12} sm={8} md={6}>
                  <Button
                    icon={<PlusOutlined />}
                    style={{ marginTop: 30 }}
                    onClick={() => {
                      const last = form.getFieldValue(['thresholds', fields.length - 1]) as
                        | number
                        | undefined;
                      add((last ?? 0) * 2 || 100);
                    }}
                  >
                    增加星级
                  </Button>
                </Col>
              )}
              <Col span={24}>
                <Form.ErrorList errors={errors} />
              </Col>
            </Row>
          )}
        </Form.List>

        <Typography.Title level={5}>积分</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="rate"
              label="每小时积分"
              rules={[{ required: true, message: '请填写每小时积分' }]}
            >
              <InputNumber min={0} max={100} step={0.5} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="rounding" label="取整方式">
              <Select
                options={[
                  { value: 'floor', label: '向下取整' },
                  { value: 'round', label: '四舍五入' },
                  { value: 'ceil', label: '向上取整' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="expiryKind" label="积分有效期">
              <Select
                options={[
                  { value: 'never', label: '长期有效' },
                  { value: 'yearEnd', label: '获得后第 N 年年底失效' },
                  { value: 'afterYears', label: '获得满 N 年失效' },
                ]}
              />
            </Form.Item>
          </Col>
          {expiryKind !== 'never' && (
            <Col xs={24} sm={8}>
              <Form.Item
                name="expiryYears"
                label="有效年数 N"
                rules={[{ required: true, message: '请填写有效年数' }]}
              >
                <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>

        <Typography.Title level={5}>扫码签到</Typography.Title>
        <Row gutter={16}>
          <Col xs={12} sm={6}>
            <Form.Item
              name="periodSeconds"
              label="签到码刷新（秒）"
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={15} max={300} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="graceSteps"
              label="过期码宽限次数"
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={0} max={5} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="openBeforeMinutes"
              label="提前开放签到（分钟）"
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={0} max={240} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="closeAfterMinutes"
              label="结束后可签退（分钟）"
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={0} max={1440} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>工作日历</Typography.Title>
        <Typography.Paragraph type="secondary">
          时限按工作日计算（如补录审核期限）。请按国务院办公厅每年公布的放假安排填写。
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="holidays" label="法定节假日（不上班）">
              <DatePicker
                multiple
                maxTagCount="responsive"
                style={{ width: '100%' }}
                placeholder="选择日期"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="makeupWorkdays" label="调休上班日（周末上班）">
              <DatePicker
                multiple
                maxTagCount="responsive"
                style={{ width: '100%' }}
                placeholder="选择日期"
              />
            </Form.Item>
          </Col>
        </Row>
        {editable ? (
          <Button type="primary" onClick={submit} loading={save.isPending} data-testid="volunteer-rules-save">
            保存规则
          </Button>
        ) : (
          <Alert type="info" showIcon title="只有市民政局或平台管理员可以修改这些规则。" />
        )}
      </Form>
    </Card>
  );
}

/** Ratios are stored as fractions and edited as percentages. */
const pct = (x: number, digits: number) => Math.round(x * 100 * 10 ** digits) / 10 ** digits;

function TargetsCard() {
  const can = useCan();
  const editable = can('targets.manage');
  const targets = useVolunteerTargets();
  const save = useSaveVolunteerTargets();
  const [form] = Form.useForm<{ volunteerPct: number; orgPct: number }>();
  const { message } = App.useApp();

  if (targets.isPending) return <Skeleton active />;
  if (targets.error || !targets.data)
    return <QueryError error={targets.error} onRetry={() => targets.refetch()} />;
  const t: VolunteerTargets = targets.data;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    save.mutate(
      {
        volunteerRatio: Math.round(v.volunteerPct * 100) / 10_000,
        orgPerResident: Math.round(v.orgPct * 10_000) / 1_000_000,
        version: t.version,
      },
      {
        onSuccess: () => message.success('志愿者发展目标已保存'),
        onError: (err) => {
          if (err instanceof ApiError) {
            const fields = Object.fromEntries(
              Object.entries(err.fields).map(([k, m]) => [
                k === 'volunteerRatio' ? 'volunteerPct' : k === 'orgPerResident' ? 'orgPct' : k,
                m,
              ]),
            );
            applyFieldErrors(form, new ApiError(err.status, err.code, err.message, fields));
            if (err.status === 409) targets.refetch();
          }
          message.error(errorMessage(err));
        },
      },
    );
  };

  return (
    <Card title="志愿者发展目标" data-testid="volunteer-targets">
      <Typography.Paragraph type="secondary">
        志愿服务统计页按常住人口对照这两个比例（如注册志愿者占常住人口 13%，志愿服务组织每万人 5 个即
        0.05%）。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        key={t.version}
        disabled={!editable}
        initialValues={{ volunteerPct: pct(t.volunteerRatio, 2), orgPct: pct(t.orgPerResident, 4) }}
        data-testid="volunteer-targets-form"
      >
        <Form.Item
          name="volunteerPct"
          label="注册志愿者占常住人口比例"
          rules={[{ required: true, message: '请填写注册志愿者占常住人口比例' }]}
        >
          <InputNumber min={0.01} max={100} step={0.5} precision={2} suffix="%" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="orgPct"
          label="志愿服务组织占常住人口比例"
          extra="0.05% 即每万名常住人口 5 个志愿服务组织"
          rules={[{ required: true, message: '请填写志愿服务组织占常住人口比例' }]}
        >
          <InputNumber min={0.0001} max={1} step={0.01} precision={4} suffix="%" style={{ width: '100%' }} />
        </Form.Item>
        {editable && (
          <Button
            type="primary"
            onClick={submit}
            loading={save.isPending}
            data-testid="volunteer-targets-save"
          >
            保存目标
          </Button>
        )}
      </Form>
    </Card>
  );
}

export default function VolunteerRulesPage() {
  return (
    <div>
      <PageHeader title="志愿服务规则与目标" sub="星级、积分、签到和工作日历，以及志愿者发展目标" />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <RulesCard />
        </Col>
        <Col xs={24} xl={9}>
          <TargetsCard />
        </Col>
      </Row>
    </div>
  );
}
