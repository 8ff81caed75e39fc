import { Cascader, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useRegion } from '../auth/api';
import { fetchRegionChildren } from './api';

interface Option {
  value: string;
  label: string;
  level: number;
  isLeaf?: boolean;
  loading?: boolean;
  children?: Option[];
}

const COMMUNITY_LEVEL = 5;

/**
 * Cascader over the region tree below `rootCode` (the user's home region). Its value is
 * the code of the chosen node (street or community), not the path.
 */
export function RegionCascader({
  rootCode,
  rootName,
  rootLevel,
  value,
  onChange,
  communityOnly = false,
  placeholder = '选择地区',
  style,
  testId,
}: {
  rootCode: string | null | undefined;
  rootName?: string;
  rootLevel?: number;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** require a community (for new organizations) */
  communityOnly?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const atLeaf = (rootLevel ?? 0) >= COMMUNITY_LEVEL;
  const pathKnown = !!value && path.length > 0 && path[path.length - 1] === value;
  // a value from the URL: show its name, not its code
  const valueRegion = useRegion(value && !pathKnown ? value : null).data;

  useEffect(() => {
    if (!rootCode || atLeaf) return;
    let live = true;
    fetchRegionChildren(rootCode)
      .then((items) => {
        if (live)
          setOptions(
            items.map((r) => ({
              value: r.code,
              label: r.name,
              level: r.level,
              isLeaf: r.level >= COMMUNITY_LEVEL,
            })),
          );
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [rootCode, atLeaf]);

  // clear the shown path when the value is reset from outside
  useEffect(() => {
    if (!value) setPath([]);
  }, [value]);

  if (!rootCode) return null;
  if (atLeaf) {
    return (
      <Typography.Text style={{ lineHeight: '32px' }} data-testid={testId}>
        {rootName}
      </Typography.Text>
    );
  }

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      const items = await fetchRegionChildren(target.value);
      target.children = items.map((r) => ({
        value: r.code,
        label: r.name,
        level: r.level,
        isLeaf: r.level >= COMMUNITY_LEVEL,
      }));
      if (!items.length) target.isLeaf = true;
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };

  // antd's Cascader does not pass data-* attributes on, so the test id sits on a wrapper
  return (
    <span data-testid={testId} style={{ display: 'inline-block', width: '100%', maxWidth: '100%', ...style }}>
      <Cascader<Option>
        options={options}
        loadData={loadData}
        changeOnSelect={!communityOnly}
        value={value ? (pathKnown ? path : [value]) : []}
        displayRender={(labels) =>
          labels.map((l) => (l === value && valueRegion ? valueRegion.name : l)).join(' / ')
        }
        onChange={(vals, selected) => {
          const codes = (vals ?? []) as string[];
          setPath(codes);
          const last = selected?.[selected.length - 1];
          if (communityOnly && last && last.level < COMMUNITY_LEVEL) return;
          onChange?.(codes.length ? codes[codes.length - 1] : undefined);
        }}
        placeholder={placeholder}
        allowClear
        style={{ width: '100%' }}
      />
    </span>
  );
}
