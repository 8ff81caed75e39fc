import { applicationFlows } from '@linli/core/workflows/applications';
import { Table, type TablePaginationConfig, Typography } from 'antd';
import { formatDateTime } from '../lib/format';
import type { AuditEntry } from '../lib/types';
import { JsonDiff } from './JsonDiff';

const entityLabels: Record<string, string> = {
  organization: '组织',
  organizations: '组织',
  applications: '申请',
  auth: '账号',
  session: '账号',
  application: '申请',
  member: '成员',
  user: '用户',
  grant: '授权',
  certificate: '证书',
  attachment: '附件',
  setting: '设置',
  category_scheme: '分类方案',
  ledger_activity: '活动台账',
  volunteer: '志愿者',
  volunteer_import: '志愿者导入',
  volunteer_team: '志愿服务队',
  service_activity: '服务活动',
  activity_signup: '活动报名',
};

const VERBS: Record<string, string> = {
  create: '新建',
  created: '新建',
  update: '修改',
  updated: '修改',
  delete: '删除',
  import: '导入',
  export: '导出',
  reveal: '查看完整个人信息',
  login: '登录',
  logout: '退出登录',
  login_failed: '登录失败',
  password: '修改密码',
  password_reset: '重置密码',
  grant: '授权',
  revoke: '撤销授权',
  leave: '成员退出',
  add: '添加',
  upload: '上传附件',
  attach: '上传附件',
  recommend_filing: '推荐备案',
  recommendFiling: '推荐备案',
  recommend_registration: '推荐登记',
  recommendRegistration: '推荐登记',
  activate: '启用',
  issue: '发证',
  ...Object.fromEntries(
    Object.values(applicationFlows).flatMap((flow) =>
      Object.values(flow).flatMap((edges) =>
        Object.entries(edges).map(([event, edge]) => [event, edge.label]),
      ),
    ),
  ),
};

/** organization.update → 组织·修改; unknown parts stay as they are. */
export function actionText(action: string): string {
  const parts = action.split('.');
  const verb = parts[parts.length - 1];
  const entity = parts.slice(0, -1).join('.');
  const e = entityLabels[entity] ?? entityLabels[entity.split('.').pop() ?? ''] ?? entity;
  const v = VERBS[verb] ?? verb;
  return e ? `${e}·${v}` : v;
}

/** The server's label, with any untranslated event code in it (备案申请：file) put into words. */
function fixLabel(label: string): string {
  return label.replace(/([:：]\s*)([a-z_]+)$/i, (all, sep: string, code: string) =>
    VERBS[code] ? `${sep}${VERBS[code]}` : all,
  );
}

export const entityTypeOptions = Object.entries(entityLabels).map(([value, label]) => ({ value, label }));

export function AuditTable({
  items,
  loading,
  pagination,
  onChange,
}: {
  items: AuditEntry[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  onChange?: (p: TablePaginationConfig) => void;
}) {
  return (
    <Table<AuditEntry>
      rowKey="seq"
      size="small"
      data-testid="audit-table"
      loading={loading}
      dataSource={items}
      pagination={pagination}
      onChange={(p) => onChange?.(p)}
      scroll={{ x: 760 }}
      expandable={{
        expandedRowRender: (r) => <JsonDiff before={r.before} after={r.after} />,
        rowExpandable: (r) => r.before !== undefined || r.after !== undefined,
      }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 80 },
        { title: '时间', dataIndex: 'at', width: 150, render: formatDateTime },
        { title: '操作人', dataIndex: 'actorName', width: 170, render: (v: string | null) => v ?? '系统' },
        {
          title: '操作',
          dataIndex: 'action',
          width: 200,
          render: (v: string, r) => (
            <span>
              {r.actionLabel ? fixLabel(r.actionLabel) : actionText(v)}
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {v}
              </Typography.Text>
            </span>
          ),
        },
        {
          title: '对象',
          key: 'entity',
          render: (_, r) => (
            <span>
              {entityLabels[r.entityType] ?? r.entityType}
              <Typography.Text
                type="secondary"
                copyable={{ text: r.entityId }}
                style={{ fontSize: 12, marginInlineStart: 6 }}
              >
                {r.entityId.slice(0, 8)}
              </Typography.Text>
            </span>
          ),
        },
      ]}
    />
  );
}
