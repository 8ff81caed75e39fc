import { Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { roleLabels } from '../../lib/labels';
import { useCurrentUser } from '../auth/api';
import { useOrgList } from '../organizations/api';
import { RegionCascader } from '../reference/RegionCascader';

const REGION_LEVEL_HINT: Record<string, string> = {
  city_officer: '选择市',
  district_officer: '选择区县',
  street_officer: '选择街道',
  community_staff: '选择社区',
};

function OrgSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const orgs = useOrgList({ q: q || undefined, pageSize: 30 });
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="搜索组织名称"
      loading={orgs.isFetching}
      options={(orgs.data?.items ?? []).map((o) => ({
        value: o.id,
        label: `${o.name}（${o.communityName || o.streetName}）`,
      }))}
      data-testid="grant-org"
    />
  );
}

/** Role + scope of one grant. `prefix` is the Form.List field path when used inside a list. */
export function GrantFields({ prefix = [], listName }: { prefix?: (string | number)[]; listName?: string }) {
  const me = useCurrentUser();
  const isAdmin = me.grants.some((g) => g.role === 'admin');
  const root = me.homeRegion ?? null;
  const roleOptions = Object.entries(roleLabels)
    .filter(([r]) => isAdmin || (r !== 'admin' && r !== 'city_officer'))
    .map(([value, label]) => ({ value, label }));
  const rolePath = [...prefix, 'role'];
  // inside a Form.List, Form.Item names are relative but getFieldValue/dependencies need the full path
  const roleFullPath = listName ? [listName, ...rolePath] : rolePath;
  return (
    <>
      <Form.Item name={rolePath} label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roleOptions} placeholder="选择角色" data-testid="grant-role" />
      </Form.Item>
      <Form.Item noStyle dependencies={[roleFullPath]}>
        {({ getFieldValue }) => {
          const role = getFieldValue(roleFullPath) as string | undefined;
          if (!role || role === 'admin') return null;
          if (role === 'org_leader')
            return (
              <Form.Item
                name={[...prefix, 'organizationId']}
                label="负责的组织"
                rules={[{ required: true, message: '请选择组织' }]}
              >
                <OrgSelect />
              </Form.Item>
            );
          return (
            <Form.Item
              name={[...prefix, 'regionCode']}
              label="管辖范围"
              rules={[{ required: true, message: '请选择管辖范围' }]}
              extra={REGION_LEVEL_HINT[role]}
            >
              {root ? (
                root.level >= 5 ? (
                  <Select options={[{ value: root.code, label: root.name }]} />
                ) : (
                  <RegionCascaderWithRoot root={root} />
                )
              ) : (
                <Input placeholder="12位行政区划代码" maxLength={12} />
              )}
            </Form.Item>
          );
        }}
      </Form.Item>
    </>
  );
}

function RegionCascaderWithRoot({
  root,
  value,
  onChange,
}: {
  root: { code: string; name: string; level: number };
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      <RegionCascader
        rootCode={root.code}
        rootName={root.name}
        rootLevel={root.level}
        value={value === root.code ? undefined : value}
        onChange={(v) => onChange?.(v ?? undefined)}
        placeholder={`${root.name}下属地区`}
        style={{ minWidth: 240, flex: 1 }}
        testId="grant-region"
      />
      <Button type="link" onClick={() => onChange?.(root.code)} style={{ paddingInline: 0 }}>
        {value === root.code ? `✓ ${root.name}（本级）` : `选本级：${root.name}`}
      </Button>
    </div>
  );
}
