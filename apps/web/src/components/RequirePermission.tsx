import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useMe } from '../features/auth/api';

/** Shows the page when the user holds any of the permissions. */
export function RequirePermission({ any, children }: { any: string[]; children: ReactNode }) {
  const perms = useMe().data?.permissions ?? [];
  if (!any.some((p) => perms.includes(p))) {
    return (
      <Result status="403" title="没有权限" subTitle="您的角色无权访问此页面，如需使用请联系管理员授权。" />
    );
  }
  return <>{children}</>;
}
