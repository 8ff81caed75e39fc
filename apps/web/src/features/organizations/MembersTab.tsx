import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ImportPanel } from '../../components/ImportPanel';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { maxLen, phoneRule, required } from '../../lib/rules';
import type { Member, OrgDetail } from '../../lib/types';
import { useMembers, useOrgMutations } from './api';

const ROLE_OPTIONS = ['负责人', '骨干', '成员', '志愿者'].map((v) => ({ value: v, label: v }));

export function MembersTab({ org, canManage }: { org: OrgDetail; canManage: boolean }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const members = useMembers(org.id, { q: q || undefined, page, pageSize: 20 }, true);
  const m = useOrgMutations(org.id);
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm();

  const add = async () => {
    const v = await validated(form);
    if (!v) return;
    m.addMember.mutate(
      {
        name: v.name.trim(),
        role: v.role,
        phone: v.phone?.trim() || undefined,
        joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : undefined,
      },
      {
        onSuccess: () => {
          message.success('成员已添加');
          setAdding(false);
          members.refetch();
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
        },
      },
    );
  };

  const leave = (member: Member) => {
    let leftOn = dayjs();
    modal.confirm({
      title: `将「${member.name}」标记为已退出？`,
      content: (
        <div>
          <p>成员记录保留，仅记为退出。</p>
          <DatePicker
            defaultValue={leftOn}
            onChange={(d) => {
              if (d) leftOn = d;
            }}
            style={{ width: '100%' }}
          />
        </div>
      ),
      okText: '确认退出',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        m.leaveMember
          .mutateAsync({ memberId: member.id, leftOn: leftOn.format('YYYY-MM-DD') })
          .then(() => {
            message.success('已标记退出');
            members.refetch();
          })
          .catch((err) => message.error(errorMessage(err))),
    });
  };

  const total = members.data?.total ?? members.data?.items.length ?? 0;

  return (
    <div>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Input.Search
          allowClear
          placeholder="姓名"
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 200 }}
        />
        {canManage && (
          <Space wrap>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="member-add"
            >
              添加成员
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="member-import">
              Excel导入
            </Button>
          </Space>
        )}
      </Space>
      <Table<Member>
        rowKey="id"
        size="small"
        data-testid="member-table"
        loading={members.isFetching}
        dataSource={members.data?.items ?? []}
        scroll={{ x: 600 }}
        pagination={{ current: page, pageSize: 20, total, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '角色', dataIndex: 'role', width: 90 },
          { title: '电话', dataIndex: 'phoneMasked', width: 140, render: (v) => v ?? '—' },
          { title: '加入日期', dataIndex: 'joinedOn', width: 110, render: formatDate },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_, r) =>
              r.leftOn ? <Tag>已于 {formatDate(r.leftOn)} 退出</Tag> : <Tag color="green">在册</Tag>,
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, r: Member) =>
                    !r.leftOn && (
                      <Button
                        type="link"
                        size="small"
                        danger
                        onClick={() => leave(r)}
                        data-testid="member-leave"
                      >
                        标记退出
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        title="添加成员"
        open={adding}
        onOk={add}
        onCancel={() => setAdding(false)}
        okText="保存"
        confirmLoading={m.addMember.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ role: '成员' }}>
          <Form.Item name="name" label="姓名" rules={[required('姓名'), maxLen(30)]}>
            <Input data-testid="member-name" />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true }]}>
            <Select options={ROLE_OPTIONS} />
          </Form.Item>
          <Form.Item name="phone" label="电话" rules={[phoneRule]}>
            <Input placeholder="可选" />
          </Form.Item>
          <Form.Item name="joinedOn" label="加入日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="导入成员名册"
        open={importing}
        onCancel={() => setImporting(false)}
        footer={null}
        width={760}
        destroyOnHidden
      >
        <ImportPanel
          what="成员"
          templatePath={`/v1/organizations/${org.id}/members/template`}
          templateName="成员名册导入模板.xlsx"
          run={(file, dryRun) => m.importMembers.mutateAsync({ file, dryRun })}
          onDone={() => members.refetch()}
        />
      </Modal>
    </div>
  );
}
