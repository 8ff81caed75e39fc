import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

export function PageHeader({
  title,
  extra,
  back,
  sub,
}: {
  title: ReactNode;
  extra?: ReactNode;
  back?: string | boolean;
  sub?: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <div className="page-head">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
        {back && (
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label="返回"
            onClick={() => (typeof back === 'string' ? navigate(back) : navigate(-1))}
          />
        )}
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
        </div>
      </div>
      {extra && <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div>}
    </div>
  );
}
