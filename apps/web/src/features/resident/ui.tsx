import { LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../lib/api';
import { type MyVolunteer, useMyVolunteer } from './api';

const TZ = 'Asia/Shanghai';
const dateFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const weekdayFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, weekday: 'short' });
const timeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const ymdFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const valid = (s: string | Date | null | undefined): Date | null => {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** 2026年11月23日 */
export const fmtDate = (s: string | Date | null | undefined) => {
  const d = valid(s);
  return d ? dateFmt.format(d) : '—';
};
/** 14:05 */
export const fmtTime = (s: string | Date | null | undefined) => {
  const d = valid(s);
  return d ? timeFmt.format(d) : '—';
};
/** 2026年11月23日 14:05 */
export const fmtDateTime = (s: string | Date | null | undefined) => {
  const d = valid(s);
  return d ? `${dateFmt.format(d)} ${timeFmt.format(d)}` : '—';
};
/** YYYY-MM-DD in Asia/Shanghai */
export const ymd = (d: Date) => ymdFmt.format(d);

/** 11月23日（周一）09:00–11:30, or across days with both dates. */
export function fmtSpan(from: string, to: string): string {
  const a = valid(from);
  const b = valid(to);
  if (!a || !b) return '—';
  const sameDay = ymd(a) === ymd(b);
  return sameDay
    ? `${dateFmt.format(a)}（${weekdayFmt.format(a)}）${timeFmt.format(a)}–${timeFmt.format(b)}`
    : `${dateFmt.format(a)} ${timeFmt.format(a)} 至 ${dateFmt.format(b)} ${timeFmt.format(b)}`;
}

/** 90 → "1.5"; 0 → "0" (hours with at most one decimal). */
export const hoursOf = (minutes: number | null | undefined) => {
  const h = Math.round(((minutes ?? 0) / 60) * 10) / 10;
  return String(h);
};

/** "1.5 小时", or "25 分钟" under an hour. */
export const durationText = (minutes: number | null | undefined) => {
  const m = minutes ?? 0;
  return m > 0 && m < 60 ? `${m} 分钟` : `${hoursOf(m)} 小时`;
};

/** A page title with a big back link. */
export function PageHead({ title, back, extra }: { title: string; back?: string; extra?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <div className="m-head">
      {back && (
        <Button
          type="text"
          className="m-back"
          icon={<LeftOutlined />}
          onClick={() => (window.history.length > 1 ? navigate(-1) : navigate(back))}
          aria-label="返回"
        >
          返回
        </Button>
      )}
      <h1>{title}</h1>
      {extra}
    </div>
  );
}

export function Loading() {
  return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
}

/** A plain error box with a retry button. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="m-load-error"
      title={errorMessage(error)}
      action={
        retry ? (
          <Button size="large" onClick={retry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

export function Empty({ icon, title, children }: { icon?: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div className="m-empty" data-testid="m-empty">
      {icon && <div className="m-empty-icon">{icon}</div>}
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** The pages under 我的: the signed-in volunteer, or a redirect to /m/login?next=… */
export function RequireVolunteer({ children }: { children: (me: MyVolunteer) => ReactNode }) {
  const me = useMyVolunteer();
  const loc = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} retry={() => me.refetch()} />;
  if (!me.data)
    return <Navigate to={`/m/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return <>{children(me.data)}</>;
}

/** A row link in a list of sub-pages. */
export function RowLink({
  to,
  icon,
  title,
  note,
  testId,
}: {
  to: string;
  icon: ReactNode;
  title: string;
  note?: ReactNode;
  testId?: string;
}) {
  return (
    <Link to={to} className="m-link-row" data-testid={testId}>
      <span className="m-link-icon">{icon}</span>
      <span className="m-link-text">
        <strong>{title}</strong>
        {note && <small>{note}</small>}
      </span>
      <span className="m-link-arrow">›</span>
    </Link>
  );
}

/** A label/value list. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="m-summary">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
