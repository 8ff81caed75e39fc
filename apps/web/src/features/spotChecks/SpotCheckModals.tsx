import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, validated } from '../../lib/api';
import { maxLen } from '../../lib/rules';
import { useCurrentUser } from '../auth/api';
import { RegionCascader } from '../reference/RegionCascader';
import { cleanMessage } from '../supervision/labels';
import { type RectificationTask, useSpotCheckMutations } from './api';
import { resultOptions, spotPlanPath, tierOptions } from './labels';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

type PlanForm = {
  title: string;
  regionCode: string;
  ratioPercent: number;
  tier?: 'filed' | 'registered';
  seed?: string;
};

/** 新建抽查计划: draws the organizations and inspectors at once and opens the new plan. */
export function NewPlanModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { create } = useSpotCheckMutations();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const home = me.homeRegion;
  const [form] = Form.useForm<PlanForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const year = dayjs().year();
  const close = () => {
    setRefusal(null);
    onClose();
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setRefusal(null);
    try {
      const plan = await create.mutateAsync({
        title: v.title.trim(),
        regionCode: v.regionCode,
        ratio: Number((v.ratioPercent / 100).toFixed(6)),
        tier: v.tier || undefined,
        seed: v.seed?.trim() || undefined,
      });
      message.success(`已抽取 ${plan.sampleSize} 个组织（${plan.code}）`);
      close();
      navigate(spotPlanPath(plan.id));
    } catch (err) {
      setRefusal(cleanMessage(err));
      applyFieldErrors(form, err);
    }
  };

  return (
    <Modal
      title="新建抽查计划"
      open={open}
      onOk={submit}
      onCancel={close}
      okText="抽取"
      cancelText="取消"
      okButtonProps={{ 'data-testid': 'plan-create-confirm' }}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按比例从区域内备案、登记的组织中随机抽取检查对象，并从街道、区级工作人员中随机抽取检查人员；随机种子随计划记录，可复核抽取结果。
      </Typography.Paragraph>
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={refusal}
          style={{ marginBottom: 12 }}
          data-testid="plan-refusal"
        />
      )}
      <Form<PlanForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ title: `${year}年度社会组织双随机抽查`, regionCode: home?.code, ratioPercent: 3 }}
        onValuesChange={() => setRefusal(null)}
      >
        <Form.Item
          name="title"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写抽查计划名称' },
            { min: 2, message: '计划名称不少于 2 字' },
            maxLen(100),
          ]}
        >
          <Input maxLength={100} data-testid="plan-title" />
        </Form.Item>
        <Form.Item name="regionCode" label="区域" rules={[{ required: true, message: '请选择区域' }]}>
          <RegionCascader
            rootCode={home?.code}
            rootName={home?.name}
            rootLevel={home?.level}
            placeholder={home ? `${home.name}（全部）` : '选择区域'}
            testId="plan-region"
          />
        </Form.Item>
        <Form.Item
          name="ratioPercent"
          label="抽查比例"
          rules={[{ required: true, message: '请填写抽查比例' }]}
          extra="按名录数乘以比例向上取整确定抽取数"
        >
          <InputNumber
            min={0.1}
            max={100}
            step={1}
            suffix="%"
            style={{ width: 160 }}
            data-testid="plan-ratio"
          />
        </Form.Item>
        <Form.Item name="tier" label="组织类型">
          <Select allowClear placeholder="全部（备案类和登记类）" options={tierOptions} />
        </Form.Item>
        <Form.Item
          name="seed"
          label="随机种子"
          rules={[maxLen(100)]}
          extra="留空时由系统生成并记录；填写同一种子可复现抽取结果"
        >
          <Input maxLength={100} placeholder="留空自动生成" data-testid="plan-seed" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export type RecordTarget = { id: string; version: number; organizationName: string };

type ResultForm = {
  result: 'compliant' | 'rectify' | 'violation';
  findings: string;
  checkedOn: Dayjs;
  rectification?: { requirement?: string; deadline?: Dayjs };
};

/** 录入结果: the drawn inspector records what was found; a problem comes with a rectification requirement. */
export function RecordResultModal({ target, onClose }: { target: RecordTarget | null; onClose: () => void }) {
  const { record } = useSpotCheckMutations();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResultForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const result = Form.useWatch('result', form);
  const checkedOn = Form.useWatch('checkedOn', form);
  const needsRectification = !!result && result !== 'compliant';
  const close = () => {
    setRefusal(null);
    onClose();
  };

  const submit = async () => {
    if (!target) return;
    const v = await validated(form);
    if (!v) return;
    setRefusal(null);
    try {
      const r = await record.mutateAsync({
        id: target.id,
        result: v.result,
        findings: v.findings.trim(),
        checkedOn: iso(v.checkedOn),
        rectification:
          v.result !== 'compliant' && v.rectification?.requirement && v.rectification.deadline
            ? { requirement: v.rectification.requirement.trim(), deadline: iso(v.rectification.deadline) }
            : undefined,
        version: target.version,
      });
      message.success(r.rectificationTaskId ? '已录入检查结果，并生成整改任务' : '已录入检查结果');
      close();
    } catch (err) {
      setRefusal(cleanMessage(err));
      applyFieldErrors(form, err);
    }
  };

  return (
    <Modal
      title={target ? `录入检查结果：${target.organizationName}` : ''}
      open={!!target}
      onOk={submit}
      onCancel={close}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ 'data-testid': 'result-confirm' }}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={refusal}
          style={{ marginBottom: 12 }}
          data-testid="result-refusal"
        />
      )}
      <Form<ResultForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ checkedOn: dayjs() }}
        onValuesChange={() => setRefusal(null)}
      >
        <Form.Item name="result" label="检查结果" rules={[{ required: true, message: '请选择检查结果' }]}>
          <Select options={resultOptions} placeholder="选择检查结果" data-testid="result-select" />
        </Form.Item>
        <Form.Item
          name="findings"
          label="检查情况"
          rules={[
            { required: true, whitespace: true, message: '请填写检查情况' },
            { min: 4, message: '检查情况不少于 4 字' },
            maxLen(2000),
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="result-findings" />
        </Form.Item>
        <Form.Item name="checkedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
          <DatePicker disabledDate={notFuture} style={{ width: '100%' }} data-testid="result-date" />
        </Form.Item>
        {needsRectification && (
          <>
            <Form.Item
              name={['rectification', 'requirement']}
              label="整改要求"
              rules={[
                { required: true, whitespace: true, message: '请填写整改要求' },
                { min: 4, message: '整改要求不少于 4 字' },
                maxLen(1000),
              ]}
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="result-requirement" />
            </Form.Item>
            <Form.Item
              name={['rectification', 'deadline']}
              label="整改期限"
              rules={[{ required: true, message: '请选择整改期限' }]}
              extra="期满未确认整改完成的，组织将被列入活动异常名录"
            >
              <DatePicker
                disabledDate={(d) => !d.isAfter(checkedOn ?? dayjs(), 'day')}
                style={{ width: '100%' }}
                data-testid="result-deadline"
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

type CompleteForm = { completedOn: Dayjs; note: string };

/** 确认完成: the officer verifies that the organization has rectified. */
export function CompleteTaskModal({
  task,
  onClose,
}: {
  task: RectificationTask | null;
  onClose: () => void;
}) {
  const { complete } = useSpotCheckMutations();
  const { message } = App.useApp();
  const [form] = Form.useForm<CompleteForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const close = () => {
    setRefusal(null);
    onClose();
  };

  const submit = async () => {
    if (!task) return;
    const v = await validated(form);
    if (!v) return;
    setRefusal(null);
    try {
      const r = await complete.mutateAsync({
        id: task.id,
        completedOn: iso(v.completedOn),
        note: v.note.trim(),
        version: task.version,
      });
      message.success(r.onTime ? '已确认整改完成' : '已确认整改完成（逾期完成）');
      close();
    } catch (err) {
      setRefusal(cleanMessage(err));
      applyFieldErrors(form, err);
    }
  };

  return (
    <Modal
      title={task ? `确认整改完成：${task.organizationName}` : ''}
      open={!!task}
      onOk={submit}
      onCancel={close}
      okText="确认完成"
      cancelText="取消"
      okButtonProps={{ 'data-testid': 'task-complete-confirm' }}
      confirmLoading={complete.isPending}
      destroyOnHidden
    >
      {task && (
        <Typography.Paragraph>
          整改要求：{task.requirement}（期限 {task.deadline}）
        </Typography.Paragraph>
      )}
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
      <Form<CompleteForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ completedOn: dayjs() }}
        onValuesChange={() => setRefusal(null)}
      >
        <Form.Item
          name="completedOn"
          label="完成日期"
          rules={[{ required: true, message: '请选择完成日期' }]}
        >
          <DatePicker disabledDate={notFuture} style={{ width: '100%' }} data-testid="task-complete-date" />
        </Form.Item>
        <Form.Item
          name="note"
          label="核实情况"
          rules={[
            { required: true, whitespace: true, message: '请填写核实情况' },
            { min: 4, message: '核实情况不少于 4 字' },
            maxLen(1000),
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="task-complete-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
