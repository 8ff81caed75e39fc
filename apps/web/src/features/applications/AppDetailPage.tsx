import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Row,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ApiError, applyFieldErrors, downloadFile, errorMessage, validated } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { AppDetail, FilingForm } from '../../lib/types';
import { cleanValues } from '../organizations/CreateGroupModal';
import { useCategoryName } from '../reference/api';
import { AppAttachments } from './AppAttachments';
import { AppEvents } from './AppEvents';
import { KindTag, StateTag } from './AppTags';
import { AppProgress, AppTimeline } from './AppTimeline';
import { useApp, useAppMutations } from './api';
import { FilingFormFields } from './FilingFormFields';
import { changeRows, formEntries, LONG_FIELDS } from './labels';

const EDITABLE_STATES = new Set(['draft', 'returned']);
const PII_KEYS = ['leaderIdNumber', 'leaderPhone', 'contactPhone'];

function ChangeTable({ app }: { app: AppDetail }) {
  const rows = changeRows(app.form);
  if (!rows.length) return null;
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      style={{ marginBottom: 12 }}
      data-testid="change-table"
      dataSource={rows}
      columns={[
        { title: '变更事项', dataIndex: 'label', width: 140 },
        {
          title: '原登记内容',
          dataIndex: 'before',
          render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
        },
        {
          title: '申请变更为',
          dataIndex: 'after',
          render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
        },
      ]}
    />
  );
}

function FormView({ app }: { app: AppDetail }) {
  const catName = useCategoryName();
  const form = {
    ...app.form,
    categoryName: app.form.categoryName ?? (app.form.category ? catName(app.form.category) : undefined),
  };
  return (
    <>
      <ChangeTable app={app} />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        data-testid="app-form"
        items={formEntries(form).map((e) => ({
          key: e.key,
          label: e.label,
          span: LONG_FIELDS.has(e.key) || e.key.startsWith('changes.') ? ('filled' as const) : undefined,
          children: <div style={{ whiteSpace: 'pre-wrap' }}>{e.value}</div>,
        }))}
      />
    </>
  );
}

function FormEdit({ app, onDone, onStale }: { app: AppDetail; onDone: () => void; onStale: () => void }) {
  const [form] = Form.useForm();
  const { patch } = useAppMutations(app.id);
  const { message } = App.useApp();
  const f = app.form;
  const save = async () => {
    const raw = await validated(form);
    if (!raw) return;
    const values = cleanValues(raw);
    const next: FilingForm = { ...values };
    // unchanged PII stays on file: the server keeps what is not sent
    for (const k of PII_KEYS) if (!values[k]) delete next[k];
    patch.mutate(
      { version: app.version, form: next },
      {
        onSuccess: () => {
          message.success('申请表已保存');
          onDone();
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
          if (err instanceof ApiError && err.status === 409) onStale();
        },
      },
    );
  };
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="app-edit-form"
      initialValues={{
        name: f.name,
        category: f.category,
        businessScope: f.businessScope,
        venue: f.venue,
        foundedOn: f.foundedOn ? dayjs(f.foundedOn) : undefined,
        leaderName: f.leaderName,
        memberCount: f.memberCount,
        contactName: f.contactName,
        charter: f.charter,
        note: f.note,
      }}
    >
      <FilingFormFields keepPii={!!(f.leaderIdMasked || f.leaderPhoneMasked)} />
      <Space>
        <Button type="primary" onClick={save} loading={patch.isPending} data-testid="app-save">
          保存申请表
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}

export default function AppDetailPage() {
  const { id = '' } = useParams();
  const app = useApp(id);
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);

  if (app.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (app.error) return <QueryError error={app.error} onRetry={() => app.refetch()} />;
  const a = app.data;
  const actions = new Set(a.allowedActions ?? []);
  const canEdit = a.kind === 'filing' && EDITABLE_STATES.has(a.state) && actions.has('edit');
  const canUpload = actions.has('upload') || actions.has('attach') || canEdit;
  const lastReturn = [...a.steps].reverse().find((s) => s.event === 'return' || s.event === 'reject');
  const stale = () => app.refetch();

  return (
    <div>
      <PageHeader
        back="/applications"
        title={
          <Space wrap size={8}>
            <span data-testid="app-name">{a.name || '（未命名）'}</span>
            <KindTag kind={a.kind} label={a.kindLabel} />
            <StateTag state={a.state} label={a.stateLabel} />
          </Space>
        }
        sub={[a.streetName, a.communityName].filter(Boolean).join(' / ')}
        extra={
          <>
            {canEdit && !editing && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="app-edit">
                修改申请表
              </Button>
            )}
            <AppEvents app={a} onStale={stale} />
          </>
        }
      />
      {a.state === 'returned' && lastReturn?.reason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已退回：${lastReturn.reason}`}
          description="请按意见修改申请表或补充材料后重新提交。"
        />
      )}
      {a.certificateNumber && (
        <Alert
          type="success"
          showIcon
          icon={<SafetyCertificateOutlined />}
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              <span>已发备案证书：{a.certificateNumber}</span>
              <Button
                size="small"
                onClick={() =>
                  downloadFile(
                    `/v1/certificates/${encodeURIComponent(a.certificateNumber!)}/pdf`,
                    undefined,
                    `备案证书-${a.certificateNumber}.pdf`,
                  ).catch((e) => message.error(errorMessage(e)))
                }
                data-testid="certificate-download"
              >
                下载证书
              </Button>
              <Link to={`/public/verify/${encodeURIComponent(a.certificateNumber)}`} target="_blank">
                公开核验页
              </Link>
            </Space>
          }
        />
      )}
      <Card style={{ marginBottom: 12 }}>
        <AppProgress app={a} />
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'applicant', label: '申请人', children: a.applicantName ?? '—' },
            { key: 'submittedAt', label: '提交时间', children: formatDateTime(a.submittedAt) },
            { key: 'updatedAt', label: '更新时间', children: formatDateTime(a.updatedAt) },
            {
              key: 'org',
              label: '组织',
              children: a.organizationId ? (
                <Link to={`/organizations/${a.organizationId}`}>查看组织档案</Link>
              ) : (
                '新组织'
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card title={a.kind === 'filing' ? '备案申请表' : a.kindLabel} style={{ marginBottom: 12 }}>
            {editing ? (
              <FormEdit app={a} onDone={() => setEditing(false)} onStale={stale} />
            ) : (
              <FormView app={a} />
            )}
          </Card>
          <Card title="附件材料" style={{ marginBottom: 12 }}>
            <AppAttachments app={a} canUpload={canUpload} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="办理过程">
            <AppTimeline app={a} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
