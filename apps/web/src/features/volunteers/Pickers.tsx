import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import type { OrgItem, Page } from '../../lib/types';
import type { VolunteerItem } from './types';

/** Debounced text for remote search selects. */
function useDebounced(value: string, ms = 300) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Organizations in the user's scope, searched by name. */
export function OrgPicker({
  value,
  onChange,
  style,
  placeholder = '选择组织',
  testId,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  style?: React.CSSProperties;
  placeholder?: string;
  testId?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const list = useQuery({
    queryKey: ['organizations', 'picker', q],
    queryFn: ({ signal }) =>
      api<Page<OrgItem>>('/v1/organizations', { query: { q, pageSize: 20, status: 'active' }, signal }),
  });
  const chosen = useQuery({
    queryKey: ['organizations', 'detail', value],
    queryFn: ({ signal }) => api<{ id: string; name: string }>(`/v1/organizations/${value}`, { signal }),
    enabled: !!value && !list.data?.items.some((o) => o.id === value),
  });
  const options = (list.data?.items ?? []).map((o) => ({
    value: o.id,
    label: o.communityName ? `${o.name}（${o.communityName}）` : o.name,
  }));
  if (value && chosen.data && !options.some((o) => o.value === value))
    options.unshift({ value, label: chosen.data.name });
  return (
    <span data-testid={testId} style={{ display: 'inline-block', width: '100%', maxWidth: '100%', ...style }}>
      <Select
        showSearch={{ filterOption: false, onSearch: setText }}
        allowClear
        value={value}
        onChange={(v) => onChange?.(v)}
        options={options}
        loading={list.isFetching}
        placeholder={placeholder}
        notFoundContent={list.isFetching ? '查询中…' : '没有符合条件的组织'}
        style={{ width: '100%' }}
      />
    </span>
  );
}

/** Volunteers in the user's scope, searched by name or volunteer number. */
export function VolunteerPicker({
  value,
  onChange,
  testId,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const list = useQuery({
    queryKey: ['volunteers', 'picker', q],
    queryFn: ({ signal }) =>
      api<Page<VolunteerItem>>('/v1/volunteers', { query: { q, pageSize: 20, status: 'active' }, signal }),
  });
  return (
    <span data-testid={testId} style={{ display: 'block' }}>
      <Select
        showSearch={{ filterOption: false, onSearch: setText }}
        allowClear
        value={value}
        onChange={(v) => onChange?.(v)}
        loading={list.isFetching}
        placeholder="输入姓名或志愿者编号搜索"
        notFoundContent={list.isFetching ? '查询中…' : '没有符合条件的志愿者'}
        options={(list.data?.items ?? []).map((v) => ({
          value: v.id,
          label: `${v.realName}（${v.volunteerNumber}，${v.phoneMasked}${v.communityName ? `，${v.communityName}` : ''}）`,
        }))}
        style={{ width: '100%' }}
      />
    </span>
  );
}
