import { Alert, App, Form, Input, InputNumber, List, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, validated } from '../../lib/api';
import { maxLen } from '../../lib/rules';
import { useCan, useCurrentUser } from '../auth/api';
import { RegionCascader } from '../reference/RegionCascader';
import { cleanMessage, lastYear } from '../supervision/labels';
import { type Excluded, type RoundDetail, useEvaluationMutations, useEvaluatorCandidates } from './api';
import { roundPath } from './labels';

type RoundForm = {
  title: string;
  regionCode: string;
  year: number;
  evaluatorIds: string[];
  postingDays: number;
};

/** 新建评价: a draft round over the region's live filed and registered organizations. */
export function NewRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { create } = useEvaluationMutations();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const can = useCan();
  const home = me.homeRegion;
  const officers = useEvaluatorCandidates(open && can('users.manage'));
  const [form] = Form.useForm<RoundForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [created, setCreated] = useState<RoundDetail | null>(null);
  const year = lastYear();
  const close = () => {
    setRefusal(null);
    onClose();
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setRefusal(null);
    try {
      const r = await create.mutateAsync({
        title: v.title.trim(),
        regionCode: v.regionCode,
        year: v.year,
        evaluatorIds: v.evaluatorIds,
        postingDays: v.postingDays,
      });
      message.success(`已新建评价（${r.code}），参评组织 ${r.targetCount} 个`);
      close();
      if (r.excluded.length) setCreated(r);
      else navigate(roundPath(r.id));
    } catch (err) {
      setRefusal(cleanMessage(err));
      applyFieldErrors(form, err);
    }
  };

  const options = (officers.data ?? []).map((u) => {
    const grant = u.grants.find((g) => g.role === 'street_officer' || g.role === 'district_officer');
    return {
      value: u.id,
      label: grant?.regionName ? `${u.displayName}（${grant.regionName}）` : u.displayName,
    };
  });

  return (
    <>
      <Modal
        title="新建综合评价"
        open={open}
        onOk={submit}
        onCancel={close}
        okText="新建"
        cancelText="取消"
        okButtonProps={{ 'data-testid': 'round-create-confirm' }}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          参评组织为区域内存续的备案、登记组织；被列入活动异常名录或严重违法失信名单的组织不参加，新建后列出。
        </Typography.Paragraph>
        {refusal && (
          <Alert
            type="error"
            showIcon
            title={refusal}
            style={{ marginBottom: 12 }}
            data-testid="round-refusal"
          />
        )}
        <Form<RoundForm>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            title: `${year}年度社区社会组织综合评价`,
            regionCode: home?.code,
            year,
            postingDays: 7,
            evaluatorIds: [],
          }}
          onValuesChange={() => setRefusal(null)}
        >
          <Form.Item
            name="title"
            label="名称"
            rules={[
              { required: true, whitespace: true, message: '请填写评价名称' },
              { min: 2, message: '评价名称不少于 2 字' },
              maxLen(100),
            ]}
          >
            <Input maxLength={100} data-testid="round-title" />
          </Form.Item>
          <Form.Item name="year" label="评价年度" rules={[{ required: true, message: '请填写评价年度' }]}>
            <InputNumber
              min={2000}
              max={year + 1}
              precision={0}
              suffix="年"
              style={{ width: 160 }}
              data-testid="round-year"
            />
          </Form.Item>
          <Form.Item name="regionCode" label="区域" rules={[{ required: true, message: '请选择区域' }]}>
            <RegionCascader
              rootCode={home?.code}
              rootName={home?.name}
              rootLevel={home?.level}
              placeholder={home ? `${home.name}（全部）` : '选择区域'}
              testId="round-region"
            />
          </Form.Item>
          <Form.Item
            name="evaluatorIds"
            label="评价人员"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少指定一名评价人员' }]}
            extra="评价人员对参评组织的评审打分类指标逐项评分，得分取各评价人员的平均分"
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              loading={officers.isFetching}
              placeholder="选择街道、区级工作人员"
              options={options}
              notFoundContent={officers.isError ? '无法加载人员名单' : '没有可选的人员'}
              data-testid="round-evaluators"
            />
          </Form.Item>
          <Form.Item
            name="postingDays"
            label="公示天数"
            rules={[{ required: true, message: '请填写公示天数' }]}
            extra="公示期内组织负责人可对评价结果提出异议"
          >
            <InputNumber
              min={1}
              max={30}
              precision={0}
              suffix="天"
              style={{ width: 160 }}
              data-testid="round-posting"
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="已新建评价"
        open={!!created}
        okText="查看评价"
        cancelText="关闭"
        onOk={() => {
          const id = created?.id;
          setCreated(null);
          if (id) navigate(roundPath(id));
        }}
        onCancel={() => setCreated(null)}
        okButtonProps={{ 'data-testid': 'round-created-open' }}
        destroyOnHidden
      >
        {created && <ExcludedList excluded={created.excluded} count={created.targetCount} />}
      </Modal>
    </>
  );
}

export function ExcludedList({ excluded, count }: { excluded: Excluded[]; count?: number }) {
  return (
    <div data-testid="round-excluded">
      <Typography.Paragraph>
        {count !== undefined ? `参评组织 ${count} 个；` : ''}以下 {excluded.length} 个组织不参加本轮评价：
      </Typography.Paragraph>
      <List
        size="small"
        bordered
        style={{ maxHeight: 320, overflow: 'auto' }}
        dataSource={excluded}
        renderItem={(e) => (
          <List.Item>
            <div>
              <Typography.Text strong>{e.organizationName}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {e.reasons.join('；')}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}

/**
 * A reason for a step (退回重评, 异议成立/不成立, 提出异议): min characters when required, sent
 * with `onSubmit`; the server's refusal shows in the modal.
 */
export function ReasonModal({
  open,
  title,
  label,
  okText,
  extra,
  min = 0,
  max = 1000,
  required = true,
  onSubmit,
  onClose,
  testId = 'reason',
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  extra?: React.ReactNode;
  min?: number;
  max?: number;
  required?: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  testId?: string;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setRefusal(null);
    onClose();
  };
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setRefusal(null);
    setBusy(true);
    try {
      await onSubmit((v.reason ?? '').trim());
      close();
    } catch (err) {
      setRefusal(cleanMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      open={open}
      onOk={submit}
      onCancel={close}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ 'data-testid': `${testId}-confirm` }}
      confirmLoading={busy}
      destroyOnHidden
    >
      {extra}
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={refusal}
          style={{ marginBottom: 12 }}
          data-testid={`${testId}-refusal`}
        />
      )}
      <Form form={form} layout="vertical" preserve={false} onValuesChange={() => setRefusal(null)}>
        <Form.Item
          name="reason"
          label={label}
          rules={[
            ...(required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []),
            ...(min ? [{ min, message: `${label}不少于 ${min} 字` }] : []),
            maxLen(max),
          ]}
        >
          <Input.TextArea rows={4} maxLength={max} showCount data-testid={`${testId}-input`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
