import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { maxLen, required } from '../../lib/rules';
import type { LedgerActivity, OrgDetail } from '../../lib/types';
import { useLedger, useOrgMutations } from './api';

/** 活动台账: the activity group's log of major activities. */
export function LedgerTab({ org, canManage }: { org: OrgDetail; canManage: boolean }) {
  const ledger = useLedger(org.id, true);
  const { addLedger } = useOrgMutations(org.id);
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();

  const add = async () => {
    const v = await validated(form);
    if (!v) return;
    addLedger.mutate(
      {
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        title: v.title.trim(),
        place: v.place?.trim() ?? '',
        participants: v.participants ?? 0,
        description: v.description?.trim() ?? '',
      },
      {
        onSuccess: () => {
          message.success('活动已记入台账');
          setAdding(false);
          ledger.refetch();
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
        },
      },
    );
  };

  return (
    <div>
      {canManage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          style={{ marginBottom: 12 }}
          data-testid="ledger-add"
        >
          记录活动
        </Button>
      )}
      <Table<LedgerActivity>
        rowKey="id"
        size="small"
        data-testid="ledger-table"
        loading={ledger.isFetching}
        dataSource={ledger.data?.items ?? []}
        scroll={{ x: 640 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '日期', dataIndex: 'heldOn', width: 110, render: formatDate },
          { title: '活动名称', dataIndex: 'title', width: 180 },
          { title: '地点', dataIndex: 'place', width: 160, render: (v) => v || '—' },
          { title: '参与人数', dataIndex: 'participants', width: 90, align: 'right' },
          { title: '内容', dataIndex: 'description', ellipsis: true },
        ]}
      />
      <Modal
        title="记录活动"
        open={adding}
        onOk={add}
        onCancel={() => setAdding(false)}
        okText="保存"
        confirmLoading={addLedger.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ heldOn: dayjs(), participants: 10 }}
        >
          <Form.Item name="heldOn" label="活动日期" rules={[{ required: true, message: '请选择活动日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="title" label="活动名称" rules={[required('活动名称'), maxLen(100)]}>
            <Input data-testid="ledger-title" />
          </Form.Item>
          <Form.Item name="place" label="地点" rules={[maxLen(200)]}>
            <Input />
          </Form.Item>
          <Form.Item name="participants" label="参与人数">
            <InputNumber min={0} max={100000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label="活动内容" rules={[maxLen(2000)]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
