import { CameraOutlined, CheckCircleFilled, CloseCircleFilled, NumberOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../lib/api';
import { itemsOf, type MySignup, mePost, useInvalidateMine, useMySignups } from './api';
import { durationText, Empty, fmtSpan, fmtTime, Loading, PageHead, RequireVolunteer, ymd } from './ui';

/** What `POST /api/v1/me/checkins` answers (fields read defensively). */
interface CheckinResult {
  kind?: 'in' | 'out';
  at?: string;
  checkedInAt?: string | null;
  checkedOutAt?: string | null;
  minutes?: number | null;
  activityTitle?: string;
  activity?: { id?: string; title?: string };
  title?: string;
  record?: { minutes?: number } | null;
}

type Outcome = { ok: true; r: CheckinResult } | { ok: false; message: string };

function resultKind(r: CheckinResult): 'in' | 'out' {
  if (r.kind === 'in' || r.kind === 'out') return r.kind;
  return r.checkedOutAt ? 'out' : 'in';
}

function OutcomeCard({ outcome, onAgain }: { outcome: Outcome; onAgain: () => void }) {
  if (!outcome.ok)
    return (
      <div className="m-result bad" data-testid="checkin-result" data-ok="false">
        <CloseCircleFilled className="m-result-icon" />
        <h2>没有成功</h2>
        <p data-testid="checkin-error">{outcome.message}</p>
        <Button size="large" block onClick={onAgain}>
          重新签到
        </Button>
      </div>
    );
  const r = outcome.r;
  const kind = resultKind(r);
  const at = kind === 'out' ? (r.checkedOutAt ?? r.at) : (r.checkedInAt ?? r.at);
  const minutes = r.minutes ?? r.record?.minutes ?? null;
  const title = r.activityTitle ?? r.activity?.title ?? r.title;
  return (
    <div className="m-result ok" data-testid="checkin-result" data-ok="true" data-kind={kind}>
      <CheckCircleFilled className="m-result-icon" />
      <h2 data-testid="checkin-title">{kind === 'out' ? '签退成功' : '签到成功'}</h2>
      {title && <p className="m-result-activity">{title}</p>}
      <p className="m-result-time" data-testid="checkin-time">
        {kind === 'out' ? '签退' : '签到'}时间 {fmtTime(at)}
      </p>
      {kind === 'out' && minutes !== null && (
        <p className="m-result-hours" data-testid="checkin-hours">
          本次服务 <strong>{durationText(minutes)}</strong>
        </p>
      )}
      {kind === 'in' && <p className="m-muted">活动结束时，请再扫组织方的签退码签退。</p>}
      <Link to="/m/me" className="m-big-button">
        查看我的服务时长
      </Link>
    </div>
  );
}

/** Plain Chinese for the server's check-in refusals. */
function checkinError(e: unknown): string {
  if (e instanceof ApiError) return e.message || '签到失败，请稍后再试';
  return errorMessage(e);
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorCtor = new (opts?: { formats?: string[] }) => BarcodeDetectorLike;

const detectorCtor = (): BarcodeDetectorCtor | null => {
  const w = window as unknown as { BarcodeDetector?: BarcodeDetectorCtor };
  return typeof w.BarcodeDetector === 'function' && typeof navigator.mediaDevices?.getUserMedia === 'function'
    ? w.BarcodeDetector
    : null;
};

/** The token from a scanned check-in QR (`…/m/checkin?t=<token>`), or null. */
export function tokenFromScan(raw: string): string | null {
  try {
    const u = new URL(raw, window.location.origin);
    return u.pathname.endsWith('/m/checkin') ? u.searchParams.get('t') : null;
  } catch {
    return null;
  }
}

/** Camera scanning through BarcodeDetector (only offered where the browser has it). */
function Scanner({ onToken, onClose }: { onToken: (t: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const Ctor = detectorCtor();
    if (!Ctor) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: number | undefined;
    const detector = new Ctor({ formats: ['qr_code'] });
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const tick = async () => {
          if (stopped || !video.current) return;
          try {
            const codes = await detector.detect(video.current);
            for (const c of codes) {
              const t = tokenFromScan(c.rawValue);
              if (t) {
                stopped = true;
                onToken(t);
                return;
              }
              if (c.rawValue) setProblem('这不是签到二维码，请扫组织方出示的签到码');
            }
          } catch {
            /* a frame that could not be read */
          }
          timer = window.setTimeout(tick, 300);
        };
        tick();
      } catch {
        setProblem('无法打开摄像头。请允许使用摄像头，或在下面输入 6 位签到码。');
      }
    })();
    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
      for (const tr of stream?.getTracks() ?? []) tr.stop();
    };
  }, [onToken]);
  return (
    <div className="m-scanner" data-testid="checkin-scanner">
      <video ref={video} muted playsInline />
      <p>把组织方的签到二维码放进框里</p>
      {problem && <Alert type="warning" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button size="large" block onClick={onClose}>
        关闭摄像头
      </Button>
    </div>
  );
}

const todayOf = (s: MySignup) => {
  const starts = s.activity?.startsAt ?? s.startsAt;
  const ends = s.activity?.endsAt ?? s.endsAt;
  const today = ymd(new Date());
  if (!starts) return false;
  const a = ymd(new Date(starts));
  const b = ends ? ymd(new Date(ends)) : a;
  return a <= today && today <= b;
};

function CodeForm({ preselect, onDone }: { preselect?: string | null; onDone: (o: Outcome) => void }) {
  const signups = useMySignups();
  const [form] = Form.useForm<{ code: string }>();
  const [activityId, setActivityId] = useState<string | null>(preselect ?? null);
  const [kind, setKind] = useState<'in' | 'out'>('in');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const approved = itemsOf(signups.data).filter((s) => s.state === 'approved' && todayOf(s));

  useEffect(() => {
    if (!activityId && approved.length === 1) setActivityId(approved[0].activityId);
  }, [activityId, approved]);

  if (signups.isPending) return <Loading />;
  if (!approved.length)
    return (
      <Empty title="今天没有可签到的活动">
        <p>只有已录用、今天进行的活动才能签到。</p>
        <Link to="/m/activities" className="m-text-link">
          去看看活动 ›
        </Link>
      </Empty>
    );

  const submit = async (v: { code: string }) => {
    if (!activityId) {
      setFailure('请先选择活动');
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      const r = await mePost<CheckinResult>('/v1/me/checkins', { activityId, kind, code: v.code.trim() });
      onDone({ ok: true, r: { kind, ...r } });
    } catch (e) {
      setFailure(checkinError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m-card" data-testid="checkin-code-form">
      <h3 className="m-card-title">
        <NumberOutlined /> 输入签到码
      </h3>
      <p className="m-muted" style={{ marginTop: 0 }}>
        扫不了码时，请组织方告诉您 6 位数字签到码。
      </p>
      <div className="m-field-label">1. 选择活动</div>
      <div className="m-choices" data-testid="checkin-activities">
        {approved.map((s) => (
          <button
            key={s.id}
            type="button"
            className="m-choice"
            aria-pressed={activityId === s.activityId}
            onClick={() => setActivityId(s.activityId)}
          >
            <strong>{s.activity?.title ?? s.title ?? '活动'}</strong>
            <small>
              {fmtSpan(s.activity?.startsAt ?? s.startsAt ?? '', s.activity?.endsAt ?? s.endsAt ?? '')}
            </small>
          </button>
        ))}
      </div>
      <div className="m-field-label">2. 签到还是签退</div>
      <div className="m-seg">
        <button
          type="button"
          aria-pressed={kind === 'in'}
          onClick={() => setKind('in')}
          data-testid="checkin-kind-in"
        >
          签到
        </button>
        <button
          type="button"
          aria-pressed={kind === 'out'}
          onClick={() => setKind('out')}
          data-testid="checkin-kind-out"
        >
          签退
        </button>
      </div>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} size="large">
        <Form.Item
          name="code"
          label={<span className="m-field-label">3. 输入 6 位数字</span>}
          normalize={(v?: string) => (v ?? '').replace(/\D/g, '').slice(0, 6)}
          rules={[
            { required: true, message: '请输入签到码' },
            { pattern: /^\d{6}$/, message: '签到码是 6 位数字' },
          ]}
        >
          <Input
            size="large"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            className="m-code-input"
            data-testid="checkin-code"
          />
        </Form.Item>
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure}
            style={{ marginBottom: 16 }}
            data-testid="checkin-error"
          />
        )}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          data-testid="checkin-submit"
        >
          {kind === 'in' ? '签到' : '签退'}
        </Button>
      </Form>
    </div>
  );
}

function Checkin() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('t');
  const preselect = params.get('activity');
  const invalidate = useInvalidateMine();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [scanning, setScanning] = useState(false);
  const sentFor = useRef<string | null>(null);
  const canScan = !!detectorCtor();

  // a QR link: submit at once (only once per token, also under StrictMode)
  useEffect(() => {
    if (!token || sentFor.current === token) return;
    sentFor.current = token;
    setOutcome(null);
    mePost<CheckinResult>('/v1/me/checkins', { token })
      .then((r) => {
        setOutcome({ ok: true, r });
        invalidate();
      })
      .catch((e) => setOutcome({ ok: false, message: checkinError(e) }));
  }, [token, invalidate]);

  const done = (o: Outcome) => {
    setOutcome(o);
    if (o.ok) invalidate();
    window.scrollTo?.(0, 0);
  };
  const again = () => {
    setOutcome(null);
    sentFor.current = null;
    if (token) setParams({}, { replace: true });
  };

  return (
    <div className="m-page" data-testid="m-checkin">
      <PageHead title="签到 / 签退" back="/m/me" />
      {token && !outcome ? (
        <div className="m-result" data-testid="checkin-pending">
          <Loading />
          <p style={{ textAlign: 'center' }}>正在签到，请稍候…</p>
        </div>
      ) : outcome ? (
        <OutcomeCard outcome={outcome} onAgain={again} />
      ) : (
        <>
          {canScan &&
            (scanning ? (
              <Scanner
                onToken={(t) => {
                  setScanning(false);
                  navigate(`/m/checkin?t=${encodeURIComponent(t)}`, { replace: true });
                }}
                onClose={() => setScanning(false)}
              />
            ) : (
              <Button
                type="primary"
                size="large"
                block
                icon={<CameraOutlined />}
                className="m-cta"
                onClick={() => setScanning(true)}
                data-testid="checkin-scan"
              >
                扫码签到
              </Button>
            ))}
          {!canScan && (
            <p className="m-lead">
              用手机相机或微信“扫一扫”扫组织方的签到二维码，就会打开签到页面；也可以在下面输入签到码。
            </p>
          )}
          <CodeForm preselect={preselect} onDone={done} />
        </>
      )}
    </div>
  );
}

export default function CheckinPage() {
  return <RequireVolunteer>{() => <Checkin />}</RequireVolunteer>;
}
