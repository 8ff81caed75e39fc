import { Button, Result } from 'antd';
import { ApiError } from '../lib/api';

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  const message = error instanceof Error ? error.message : '加载失败';
  return (
    <Result
      status={status === 404 ? '404' : status === 403 ? '403' : 'warning'}
      title={status === 404 ? '未找到' : status === 403 ? '没有权限' : '加载失败'}
      subTitle={message}
      extra={onRetry && <Button onClick={onRetry}>重试</Button>}
    />
  );
}
