import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors, downloadFile, errorMessage } from '../../lib/api';
import { useCan, useCurrentUser } from '../auth/api';
import { useCertificateMutations, useVolunteerCertificates } from './api';
import type { ServiceCertificate } from './types';

type IssueForm = { range: [Dayjs, Dayjs]; organizationId?: string };

/**
 * 证明 (service certificates) of one volunteer, for the volunteer detail page: issue for a period
 * (all recording units, or one), list, download the PDF, revoke with a reason.
 */
export function VolunteerCertificatesTab({
  volunteerId,
  organizations = [],
}: {
  volunteerId: string;
  /** recording units the caller may choose from (e.g. the organizations in the volunteer's records) */
  organizations?: { id: string; name: string }[];
}) {
  const { message, modal } = App.useApp();
  const can = useCan();
  const list = useVolunteerCertificates(volunteerId);
  const { issue, revoke } = useCertificateMutations(volunteerId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<IssueForm>();
  const manage = can('volunteer.manage');
  const me = useCurrentUser();
  // an organization leader certifies for their own organization: offer it first
  const units = [
    ...me.grants
      .filter((g) => g.role === 'org_leader' && g.organizationId)
      .map((g) => ({ id: g.organizationId!, name: g.organizationName ?? '本组织' })),
    ...organizations,
  ].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);

  const submit = async () => {
    let v: IssueForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      const c = await issue.mutateAsync({
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        organizationId: v.organizationId || undefined,
      });
      message.success(`已开具证明 ${c.number}`);
      setOpen(false);
      form.resetFields();
    } catch (e) {
      const fields = (e as { fields?: Record<string, string> }).fields ?? {};
      if (fields.from || fields.to) form.setFields([{ name: 'range', errors: [fields.from ?? fields.to] }]);
      else if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    }
  };

  const askRevoke = (c: ServiceCertificate) => {
    let reason = '';
    modal.confirm({
      title: `撤销证明 ${c.number}？`,
      content: (
        <div>
          <p>撤销后，扫码核验将显示“已撤销”。此操作不可恢复。</p>
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder="撤销原因（必填）"
            onChange={(e) => {
              reason = e.target.value;
            }}
            data-testid="revoke-reason"
          />
        </div>
      ),
      okText: '撤销',
      okButtonProps: { danger: true },
      onOk: async () => {
        if (reason.trim().length < 2) {
          message.error('请填写撤销原因（至少 2 个字）');
          throw new Error('reason required');
        }
        try {
          await revoke.mutateAsync({ id: c.id, reason: reason.trim() });
          message.success('证明已撤销');
        } catch (e) {
          message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };

  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;

  return (
    <div data-testid="volunteer-certificates">
      <Space style={{ marginBottom: 12 }} wrap>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="issue-certificate"
          >
            开具服务记录证明
          </Button>
        )}
        <Typography.Text type="secondary">
          证明免费开具，列明服务时长、内容和记录单位，可扫码核验。
        </Typography.Text>
      </Space>
      <Table<ServiceCertificate>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '尚未开具证明' }}
        scroll={{ x: 800 }}
        columns={[
          { title: '证明编号', dataIndex: 'number' },
          { title: '服务期间', render: (_v, c) => `${c.periodFrom} 至 ${c.periodTo}` },
          { title: '时长', dataIndex: 'hours' },
          { title: '记录数', dataIndex: 'records', align: 'right' },
          { title: '记录单位', dataIndex: 'issuerName' },
          { title: '开具日期', dataIndex: 'issuedOn' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, c) =>
              s === 'valid' ? (
                <Tag color="green">有效</Tag>
              ) : (
                <span title={c.revokeReason ?? ''}>
                  <Tag color="red">已撤销</Tag>
                </span>
              ),
          },
          {
            title: '操作',
            render: (_v, c) => (
              <Space>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    downloadFile(
                      `/v1/service-certificates/${c.id}/pdf`,
                      undefined,
                      `志愿服务记录证明-${c.number}.pdf`,
                    ).catch((e) => message.error(errorMessage(e)))
                  }
                >
                  PDF
                </Button>
                {manage && c.status === 'valid' && (
                  <Button size="small" danger onClick={() => askRevoke(c)}>
                    撤销
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title="开具志愿服务记录证明"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText="开具"
        confirmLoading={issue.isPending}
        destroyOnHidden
      >
        <Form<IssueForm>
          form={form}
          layout="vertical"
          initialValues={{ range: [dayjs().startOf('year'), dayjs()] }}
        >
          <Form.Item name="range" label="服务期间" rules={[{ required: true, message: '请选择服务期间' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="organizationId"
            label="记录单位"
            extra="不选择时，汇总该期间所有组织记录的服务；组织负责人只能为本组织开具。"
          >
            <Select
              allowClear
              placeholder="全部记录单位"
              options={units.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

export default VolunteerCertificatesTab;
