import { ArrowLeftOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Button, Result, Segmented, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { type CheckinKind, useCheckinCode } from './api';

/** Seconds until `iso`, ticking every second. */
function useCountdown(iso: string | undefined) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!iso) return 0;
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000));
}

/**
 * The organizer's full-screen check-in display: a rotating QR code (a phone camera opens the H5
 * check-in page) and the 6-digit code for typing in, switching between 签到 and 签退, with the
 * live number of volunteers checked in.
 */
export default function CheckinScreen() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') === 'out' ? 'out' : 'in') as CheckinKind;
  const q = useCheckinCode(id, kind);
  const left = useCountdown(q.data?.expiresAt);
  const setKind = (k: CheckinKind) => setParams({ kind: k }, { replace: true });
  const fullscreen = () => document.documentElement.requestFullscreen?.().catch(() => undefined);

  const header = (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, width: '100%', maxWidth: 960 }}>
      <Link to={`/activities/${id}/attendance`}>
        <Button icon={<ArrowLeftOutlined />}>签到情况</Button>
      </Link>
      <div style={{ flex: 1 }} />
      <Segmented
        size="large"
        value={kind}
        onChange={(v) => setKind(v as CheckinKind)}
        options={[
          { label: '签到', value: 'in' },
          { label: '签退', value: 'out' },
        ]}
        data-testid="checkin-kind"
      />
      <Button icon={<FullscreenOutlined />} onClick={fullscreen}>
        全屏
      </Button>
    </div>
  );

  let body: React.ReactNode;
  if (q.isPending) body = <Spin size="large" style={{ marginTop: 120 }} />;
  else if (q.error && !q.data)
    body = (
      <Result
        status={q.error instanceof ApiError && q.error.status === 403 ? '403' : 'warning'}
        title={kind === 'in' ? '现在不能签到' : '现在不能签退'}
        subTitle={errorMessage(q.error)}
        extra={<Button onClick={() => q.refetch()}>重试</Button>}
        data-testid="checkin-closed"
      />
    );
  else if (q.data) {
    const d = q.data;
    body = (
      <div style={{ textAlign: 'center' }} data-testid="checkin-screen">
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {d.activity.title}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 16 }}>
          {formatDateTime(d.activity.startsAt)} – {formatDateTime(d.activity.endsAt).slice(11)} ·{' '}
          {kind === 'in' ? '请用手机扫码签到' : '请用手机扫码签退'}
        </Typography.Text>
        <div
          style={{
            margin: '24px auto 12px',
            width: 'min(60vh, 80vw)',
            background: '#fff',
            padding: 12,
            borderRadius: 12,
            boxShadow: '0 2px 12px rgba(0,0,0,0.08)',
          }}
          data-testid="checkin-qr"
          data-url={d.url}
          // the SVG comes from our own server (qrcode library output)
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered QR SVG
          dangerouslySetInnerHTML={{ __html: d.qrSvg }}
        />
        <div style={{ fontSize: 16, color: '#666' }}>或在手机上输入{kind === 'in' ? '签到' : '签退'}码</div>
        <div
          style={{ fontSize: 'min(14vw, 96px)', fontWeight: 700, letterSpacing: '0.2em', lineHeight: 1.2 }}
          data-testid="checkin-code"
        >
          {d.code}
        </div>
        <div style={{ fontSize: 16, color: left <= 5 ? '#cf1322' : '#666' }}>
          {left > 0 ? `${left} 秒后更新` : '正在更新…'}
        </div>
        <div style={{ display: 'flex', gap: 48, justifyContent: 'center', marginTop: 24, fontSize: 20 }}>
          <span>
            已签到 <b data-testid="checkin-count">{d.checkedIn}</b> 人
          </span>
          <span>
            已签退 <b data-testid="checkout-count">{d.checkedOut}</b> 人
          </span>
        </div>
        {q.error && (
          <Typography.Text type="danger" style={{ display: 'block', marginTop: 12 }}>
            {errorMessage(q.error)}
          </Typography.Text>
        )}
      </div>
    );
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        background: '#f5f7fa',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        padding: 16,
        gap: 12,
      }}
    >
      {header}
      {body}
    </div>
  );
}
