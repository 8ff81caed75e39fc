import { App, Button, Card, Form, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { api, applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { requiredSelect } from '../../lib/rules';
import type { AppDetail, FilingForm } from '../../lib/types';
import { useCan, useCurrentUser } from '../auth/api';
import { useOrgList, useOrgMutations } from '../organizations/api';
import { cleanValues } from '../organizations/CreateGroupModal';
import { RegionCascader } from '../reference/RegionCascader';
import { useCreateFiling } from './api';
import { FilingFormFields } from './FilingFormFields';

function FromGroup() {
  const [q, setQ] = useState('');
  const [orgId, setOrgId] = useState<string>();
  const groups = useOrgList({ tier: 'group', status: 'active', q: q || undefined, pageSize: 50 });
  const { recommendFiling } = useOrgMutations(orgId ?? '');
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        从社区活动小组台账推荐备案：申请表将自动带出小组名称、负责人、成员、场所和业务范围，无需重复填写。
      </Typography.Paragraph>
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        allowClear
        placeholder="搜索活动小组名称"
        value={orgId}
        onChange={setOrgId}
        loading={groups.isFetching}
        notFoundContent={groups.isFetching ? '加载中…' : '没有可推荐的活动小组'}
        options={(groups.data?.items ?? []).map((o) => ({
          value: o.id,
          label: `${o.name}（${o.communityName || o.streetName}）`,
        }))}
        style={{ width: '100%' }}
        data-testid="filing-group-select"
      />
      <Button
        type="primary"
        disabled={!orgId}
        loading={recommendFiling.isPending}
        data-testid="filing-from-group"
        onClick={() =>
          recommendFiling
            .mutateAsync(undefined)
            .then((r) => {
              message.success('已生成备案申请表，请核对后提交');
              navigate(`/applications/${r.id}`);
            })
            .catch((err) => message.error(errorMessage(err)))
        }
      >
        生成备案申请
      </Button>
    </Space>
  );
}

function BlankForm() {
  const me = useCurrentUser();
  const home = me.homeRegion;
  const [form] = Form.useForm();
  const create = useCreateFiling();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);

  const save = async (andSubmit: boolean) => {
    const raw = await validated(form);
    if (!raw) return;
    const { regionCode, ...rest } = cleanValues(raw) as Record<string, unknown>;
    setSubmitting(true);
    try {
      const created = await create.mutateAsync({
        kind: 'filing',
        regionCode: String(regionCode),
        form: rest as FilingForm,
      });
      if (andSubmit) {
        const ev = created.allowedEvents?.find((e) => e.event === 'submit');
        if (ev) {
          await api<AppDetail>(`/v1/applications/${created.id}/events`, {
            body: { event: 'submit', version: created.version },
          });
          message.success('备案申请已提交，等待社区初审');
        } else message.success('已保存草稿');
      } else message.success('已保存草稿');
      navigate(`/applications/${created.id}`);
    } catch (err) {
      applyFieldErrors(form, err);
      message.error(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" data-testid="filing-form" initialValues={{ memberCount: 10 }}>
      <Form.Item
        name="regionCode"
        label="所属社区"
        rules={[requiredSelect('所属社区')]}
        initialValue={home && home.level >= 5 ? home.code : undefined}
        style={{ maxWidth: 420 }}
      >
        <RegionCascader
          rootCode={home?.code}
          rootName={home?.name}
          rootLevel={home?.level}
          communityOnly
          placeholder="选择街道 / 社区"
          testId="filing-region"
        />
      </Form.Item>
      <FilingFormFields />
      <Space>
        <Button onClick={() => save(false)} loading={submitting} data-testid="filing-save">
          保存草稿
        </Button>
        <Button type="primary" onClick={() => save(true)} loading={submitting} data-testid="filing-submit">
          保存并提交
        </Button>
      </Space>
    </Form>
  );
}

export default function NewFilingPage() {
  const can = useCan();
  const canRecommend = can('org.create') || can('filing.review.community');
  const [mode, setMode] = useState<'group' | 'blank'>(canRecommend ? 'group' : 'blank');
  return (
    <div>
      <PageHeader title="新建备案申请" back="/applications" />
      <Card>
        {canRecommend && (
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as 'group' | 'blank')}
            options={[
              { value: 'group', label: '从活动小组推荐' },
              { value: 'blank', label: '直接填写申请表' },
            ]}
            style={{ marginBottom: 20 }}
          />
        )}
        {mode === 'group' ? <FromGroup /> : <BlankForm />}
      </Card>
    </div>
  );
}
