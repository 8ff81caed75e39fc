import {
  AuditOutlined,
  CalendarOutlined,
  CheckCircleFilled,
  FileProtectOutlined,
  GiftOutlined,
  LogoutOutlined,
  QrcodeOutlined,
  SafetyCertificateOutlined,
  StarFilled,
  WalletOutlined,
} from '@ant-design/icons';
import { pointEntryKindLabels, signUpStateLabels } from '@linli/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, applyFieldErrors, errorMessage } from '../../lib/api';
import {
  itemsOf,
  type MyVolunteer,
  meGet,
  mePost,
  type Page,
  useInvalidateMine,
  useLogout,
  useMySignups,
} from './api';
import {
  durationText,
  Empty,
  Facts,
  fmtDate,
  fmtDateTime,
  fmtSpan,
  hoursOf,
  LoadError,
  Loading,
  PageHead,
  RequireVolunteer,
  RowLink,
} from './ui';

type List<T> = Page<T> | { items: T[] } | T[];

function useMine<T>(key: string, path: string, query?: Record<string, string | number>) {
  return useQuery({
    queryKey: ['m', key, query ?? null],
    queryFn: ({ signal }) => meGet<T>(path, signal, query),
    retry: false,
  });
}

// ───────────────────────────── 我的 ─────────────────────────────

function Me({ me }: { me: MyVolunteer }) {
  const logout = useLogout();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const signups = useMySignups('upcoming');
  const upcoming = itemsOf(signups.data).filter(
    (s) =>
      ['pending', 'approved', 'waitlisted'].includes(s.state) &&
      new Date(s.activity?.endsAt ?? s.endsAt ?? 0) > new Date(),
  );
  const toNext = me.star.hoursToNext ?? (me.star.minutesToNext != null ? me.star.minutesToNext / 60 : null);

  const signOut = () =>
    modal.confirm({
      title: '确定退出登录吗？',
      okText: '退出',
      cancelText: '取消',
      okButtonProps: { size: 'large' },
      cancelButtonProps: { size: 'large' },
      onOk: async () => {
        await logout.mutateAsync().catch(() => undefined);
        navigate('/m', { replace: true });
      },
    });

  return (
    <div className="m-page" data-testid="m-me">
      <section className="m-profile">
        <div className="m-profile-name" data-testid="me-name">
          {me.realName}
        </div>
        <div className="m-profile-sub">
          志愿者编号 <span data-testid="me-number">{me.volunteerNumber}</span>
        </div>
        <div className="m-profile-sub">{[me.streetName, me.regionName].filter(Boolean).join(' ')}</div>
        <div className="m-star" data-testid="me-star">
          <StarFilled /> {me.star.label || '暂无星级'}
          {toNext != null && toNext > 0 && (
            <span className="m-star-next">再服务 {Math.ceil(toNext * 10) / 10} 小时升级</span>
          )}
        </div>
      </section>
      <div className="m-stats">
        <div className="m-stat" data-testid="me-hours">
          {me.minutes > 0 && me.minutes < 60 ? (
            <>
              <strong>{me.minutes}</strong>
              <span>服务分钟</span>
            </>
          ) : (
            <>
              <strong>{hoursOf(me.minutes)}</strong>
              <span>服务小时</span>
            </>
          )}
        </div>
        <div className="m-stat" data-testid="me-points">
          <strong>{me.points}</strong>
          <span>积分</span>
        </div>
        <div className="m-stat">
          <strong>{me.records}</strong>
          <span>服务次数</span>
        </div>
      </div>
      <p className="m-muted m-hours-split" data-testid="me-hours-split">
        其中扫码签到 {durationText(me.checkinMinutes)}，补录 {durationText(me.backfillMinutes)}
      </p>

      <Link to="/m/checkin" className="m-big-button" data-testid="me-checkin">
        <QrcodeOutlined /> 签到 / 签退
      </Link>

      {upcoming.length > 0 && (
        <div className="m-card" data-testid="me-upcoming">
          <h3 className="m-card-title">我报名的活动</h3>
          {upcoming.map((s) => (
            <Link key={s.id} to={`/m/activities/${s.activityId}`} className="m-mini-row">
              <span>
                <strong>{s.activity?.title ?? s.title ?? '活动'}</strong>
                <small>
                  {fmtSpan(s.activity?.startsAt ?? s.startsAt ?? '', s.activity?.endsAt ?? s.endsAt ?? '')}
                </small>
              </span>
              <em className={`m-badge${s.state === 'approved' ? ' ok' : ''}`}>
                {s.stateLabel ?? (signUpStateLabels as Record<string, string>)[s.state] ?? s.state}
              </em>
            </Link>
          ))}
        </div>
      )}

      <div className="m-links">
        <RowLink
          to="/m/me/records"
          icon={<CalendarOutlined />}
          title="服务记录"
          note="每次服务的时间和时长"
          testId="me-records"
        />
        <RowLink
          to="/m/me/points"
          icon={<WalletOutlined />}
          title="我的积分"
          note="积分明细、快过期的积分"
          testId="me-points-link"
        />
        <RowLink
          to="/m/me/exchange"
          icon={<GiftOutlined />}
          title="积分兑换"
          note="用积分换礼品和服务"
          testId="me-exchange"
        />
        <RowLink
          to="/m/me/credit"
          icon={<SafetyCertificateOutlined />}
          title="我的信用"
          note="信用分和变化原因"
          testId="me-credit"
        />
        <RowLink
          to="/m/me/certificates"
          icon={<FileProtectOutlined />}
          title="服务证明"
          note="开具志愿服务记录证明"
          testId="me-certificates"
        />
      </div>
      <Button
        size="large"
        block
        icon={<LogoutOutlined />}
        className="m-cta-secondary"
        onClick={signOut}
        data-testid="me-logout"
      >
        退出登录
      </Button>
    </div>
  );
}

export function MePage() {
  return <RequireVolunteer>{(me) => <Me me={me} />}</RequireVolunteer>;
}

// ───────────────────────────── 服务记录 ─────────────────────────────

export interface MyRecord {
  id: string;
  title: string;
  content?: string;
  place?: string;
  category?: string;
  categoryLabel?: string;
  serviceDate?: string;
  startedAt: string;
  endedAt: string;
  minutes: number;
  source: string;
  sourceLabel?: string;
  status?: string;
  statusLabel?: string;
  organizerName?: string;
  leaderName?: string | null;
  recorderName?: string;
  recordedAt?: string;
  revision?: number;
  amendments?: MyAmendment[];
  pendingAmendment?: MyAmendment | null;
}
interface MyAmendment {
  id: string;
  state: string;
  stateLabel?: string;
  reason: string;
  requestedAt?: string;
  decisionReason?: string | null;
}

const sourceText = (r: MyRecord) => r.sourceLabel ?? (r.source === 'backfill' ? '补录' : '扫码签到');
const amendmentLabels: Record<string, string> = {
  pending: '待审核',
  approved: '已更正',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

function Records() {
  const q = useMine<List<MyRecord>>('records', '/v1/me/service-records', { pageSize: 100 });
  const items = itemsOf(q.data as { items: MyRecord[] } | MyRecord[] | undefined);
  return (
    <div className="m-page" data-testid="m-records">
      <PageHead title="服务记录" back="/m/me" />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <LoadError error={q.error} retry={() => q.refetch()} />
      ) : !items.length ? (
        <Empty icon={<CalendarOutlined />} title="还没有服务记录">
          <p>参加活动并签到、签退后，这里会记下您的服务时长。</p>
        </Empty>
      ) : (
        <div className="m-list">
          {items.map((r) => (
            <Link key={r.id} to={`/m/me/records/${r.id}`} className="m-record" data-testid="m-record">
              <div className="m-record-main">
                <strong>{r.title}</strong>
                <small>{fmtSpan(r.startedAt, r.endedAt)}</small>
                <span
                  className={`m-source ${r.source === 'backfill' ? 'backfill' : ''}`}
                  data-testid="m-record-source"
                >
                  {sourceText(r)}
                </span>
                {r.status && r.status !== 'valid' && (
                  <span className="m-badge">{r.statusLabel ?? r.status}</span>
                )}
              </div>
              <div className="m-record-hours">{durationText(r.minutes)}</div>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}

export function RecordsPage() {
  return <RequireVolunteer>{() => <Records />}</RequireVolunteer>;
}

interface AmendValues {
  hours?: number | null;
  content?: string;
  reason: string;
}

function RecordDetail() {
  const { id } = useParams();
  const q = useMine<MyRecord>(`record-${id}`, `/v1/me/service-records/${id}`);
  const invalidate = useInvalidateMine();
  const [form] = Form.useForm<AmendValues>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (q.isPending) return <Loading />;
  if (q.isError && !(q.error instanceof ApiError && q.error.status === 404))
    return <LoadError error={q.error} retry={() => q.refetch()} />;
  const r = q.data;
  if (!r)
    return (
      <div className="m-page">
        <PageHead title="服务记录" back="/m/me/records" />
        <Empty title="没有找到这条记录" />
      </div>
    );
  const pending = r.pendingAmendment ?? r.amendments?.find((a) => a.state === 'pending');

  const submit = async (v: AmendValues) => {
    const proposed: Record<string, unknown> = {};
    if (v.hours != null) proposed.minutes = Math.round(v.hours * 60);
    if (v.content?.trim()) proposed.content = v.content.trim();
    if (!Object.keys(proposed).length) {
      setFailure('请填写正确的时长或服务内容');
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      await mePost(`/v1/me/service-records/${r.id}/amendments`, { reason: v.reason.trim(), proposed });
      setSent(true);
      setOpen(false);
      await invalidate();
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = Object.fromEntries(
          Object.entries(e.fields).map(([k, m]) => [
            k.replace(/^proposed\.minutes$/, 'hours').replace(/^proposed\./, ''),
            m,
          ]),
        );
        applyFieldErrors(form, new ApiError(e.status, e.code, e.message, fields));
      }
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m-page" data-testid="m-record-detail">
      <PageHead title="服务记录" back="/m/me/records" />
      <div className="m-card">
        <h2 className="m-activity-title">{r.title}</h2>
        <div className="m-big-hours" data-testid="m-record-hours">
          {durationText(r.minutes)}
        </div>
        <Facts
          items={[
            ['服务时间', fmtSpan(r.startedAt, r.endedAt)],
            [
              '来源',
              <span key="s" data-testid="m-record-detail-source">
                {sourceText(r)}
              </span>,
            ],
            ['地点', r.place ?? '—'],
            ['组织方', r.organizerName ?? '—'],
            ...(r.leaderName ? ([['负责人', r.leaderName]] as [string, string][]) : []),
            ['记录人', r.recorderName ?? '—'],
            ['记录时间', fmtDateTime(r.recordedAt)],
            ...(r.content ? ([['服务内容', r.content]] as [string, string][]) : []),
          ]}
        />
      </div>
      {(r.amendments ?? []).length > 0 && (
        <div className="m-card">
          <h3 className="m-card-title">更正申请</h3>
          {(r.amendments ?? []).map((a) => (
            <div key={a.id} className="m-mini-row static">
              <span>
                <strong>{a.reason}</strong>
                <small>
                  {fmtDateTime(a.requestedAt)}
                  {a.decisionReason ? ` · ${a.decisionReason}` : ''}
                </small>
              </span>
              <em className="m-badge">{a.stateLabel ?? amendmentLabels[a.state] ?? a.state}</em>
            </div>
          ))}
        </div>
      )}
      {sent || pending ? (
        <Alert type="info" showIcon title="更正申请已提交，等待组织方审核" data-testid="m-amend-pending" />
      ) : open ? (
        <div className="m-card" data-testid="m-amend-form">
          <h3 className="m-card-title">申请更正</h3>
          <p className="m-muted" style={{ marginTop: 0 }}>
            记录有误时填写。组织方核实后会更正，原记录会保留。
          </p>
          <Form form={form} layout="vertical" requiredMark={false} size="large" onFinish={submit}>
            <Form.Item
              name="hours"
              label="正确的服务时长（小时）"
              extra="例如 2.5 表示两个半小时；时长没错可不填"
            >
              <InputNumber
                min={0}
                max={168}
                step={0.5}
                style={{ width: '100%' }}
                inputMode="decimal"
                data-testid="amend-hours"
              />
            </Form.Item>
            <Form.Item name="content" label="正确的服务内容（可不填）">
              <Input.TextArea rows={3} maxLength={2000} data-testid="amend-content" />
            </Form.Item>
            <Form.Item
              name="reason"
              label="更正理由"
              rules={[{ required: true, whitespace: true, message: '请填写更正理由' }]}
            >
              <Input.TextArea
                rows={3}
                maxLength={500}
                placeholder="例如：忘记签退，实际服务到 11 点半"
                data-testid="amend-reason"
              />
            </Form.Item>
            {failure && (
              <Alert
                type="error"
                showIcon
                title={failure}
                style={{ marginBottom: 16 }}
                data-testid="amend-error"
              />
            )}
            <div className="m-nav">
              <Button size="large" onClick={() => setOpen(false)}>
                取消
              </Button>
              <Button type="primary" size="large" htmlType="submit" loading={busy} data-testid="amend-submit">
                提交申请
              </Button>
            </div>
          </Form>
        </div>
      ) : (
        r.status !== 'superseded' && (
          <Button
            size="large"
            block
            className="m-cta-secondary"
            onClick={() => setOpen(true)}
            data-testid="m-amend"
          >
            记录有误？申请更正
          </Button>
        )
      )}
    </div>
  );
}

export function RecordDetailPage() {
  return <RequireVolunteer>{() => <RecordDetail />}</RequireVolunteer>;
}

// ───────────────────────────── 积分 ─────────────────────────────

interface PointEntryView {
  id: string;
  kind: string;
  kindLabel?: string;
  /** signed: + credited to me, − debited */
  points: number;
  reason: string;
  at: string;
  expiresOn?: string | null;
}
interface MyPoints {
  balance: number;
  earned?: number;
  spent?: number;
  expiryRule?: string;
  expiring?: { points: number; date: string | null } | null;
  entries: Page<PointEntryView>;
}

function Points() {
  const q = useMine<MyPoints>('points', '/v1/me/points');
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} retry={() => q.refetch()} />;
  const p = q.data;
  const entries = p.entries?.items ?? [];
  const soon = p.expiring && p.expiring.points > 0 ? p.expiring : null;
  return (
    <div className="m-page" data-testid="m-points">
      <PageHead title="我的积分" back="/m/me" />
      <div className="m-balance">
        <span>现有积分</span>
        <strong data-testid="points-balance">{p.balance}</strong>
        {p.earned != null && (
          <small>
            累计获得 {p.earned} · 已使用 {p.spent ?? 0}
          </small>
        )}
      </div>
      {soon && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="points-expiring"
          title={`有 ${soon.points} 积分${soon.date ? `将在 ${fmtDate(soon.date)} 后过期` : '即将过期'}，请尽快兑换`}
        />
      )}
      {p.expiryRule && <p className="m-muted">{p.expiryRule}</p>}
      <Link to="/m/me/exchange" className="m-big-button">
        <GiftOutlined /> 去兑换
      </Link>
      <div className="m-card">
        <h3 className="m-card-title">积分明细</h3>
        {!entries.length ? (
          <p className="m-muted">还没有积分。参加志愿服务后会按服务时长获得积分。</p>
        ) : (
          entries.map((e) => {
            const d = e.points;
            return (
              <div key={e.id} className="m-mini-row static" data-testid="points-entry">
                <span>
                  <strong>
                    {e.reason || e.kindLabel || (pointEntryKindLabels as Record<string, string>)[e.kind]}
                  </strong>
                  <small>
                    {fmtDateTime(e.at)}
                    {e.expiresOn ? ` · ${fmtDate(e.expiresOn)}后过期` : ''}
                  </small>
                </span>
                <em className={d >= 0 ? 'm-plus' : 'm-minus'}>{d >= 0 ? `+${d}` : d}</em>
              </div>
            );
          })
        )}
      </div>
    </div>
  );
}

export function PointsPage() {
  return <RequireVolunteer>{() => <Points />}</RequireVolunteer>;
}

// ───────────────────────────── 积分兑换 ─────────────────────────────

interface RewardItem {
  id: string;
  name: string;
  description?: string;
  providerName?: string;
  providerKindLabel?: string;
  pickupPlace?: string;
  pricePoints: number;
  stockLeft: number;
  perPersonLimit?: number | null;
  redeemedByMe?: number;
  affordable?: boolean;
  canRedeem?: boolean;
}
interface Redemption {
  id: string;
  itemId?: string;
  itemName?: string;
  item?: { name?: string; pickupPlace?: string };
  pickupPlace?: string;
  points: number;
  pickupCode: string;
  state: string;
  stateLabel?: string;
  createdAt: string;
}
const redemptionLabels: Record<string, string> = {
  issued: '待领取',
  picked_up: '已领取',
  cancelled: '已取消',
};

function newKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `r-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function Exchange({ me }: { me: MyVolunteer }) {
  const items = useMine<{ balance: number; items: RewardItem[] }>('exchange-items', '/v1/me/exchange/items');
  const mine = useMine<List<Redemption>>('redemptions', '/v1/me/redemptions');
  const invalidate = useInvalidateMine();
  const { modal } = App.useApp();
  const [issued, setIssued] = useState<Redemption | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const keys = useRef(new Map<string, string>());
  const list = items.data?.items ?? [];
  const redemptions = itemsOf(mine.data as { items: Redemption[] } | Redemption[] | undefined);
  const balance = items.data?.balance ?? me.points;

  const redeem = (it: RewardItem) =>
    modal.confirm({
      title: `用 ${it.pricePoints} 积分兑换“${it.name}”？`,
      content: `兑换后积分立即扣除，剩余 ${balance - it.pricePoints} 积分。${it.pickupPlace ? `领取地点：${it.pickupPlace}` : ''}`,
      okText: '确定兑换',
      cancelText: '再想想',
      okButtonProps: { size: 'large', 'data-testid': 'redeem-ok' } as never,
      cancelButtonProps: { size: 'large' },
      onOk: async () => {
        setFailure(null);
        // one key per item until it succeeds: a retried tap is not a second redemption
        const key = keys.current.get(it.id) ?? newKey();
        keys.current.set(it.id, key);
        try {
          const r = await mePost<Redemption>('/v1/me/redemptions', { itemId: it.id, idempotencyKey: key });
          keys.current.delete(it.id);
          setIssued({
            ...r,
            itemName: r.itemName ?? r.item?.name ?? it.name,
            pickupPlace: r.pickupPlace ?? it.pickupPlace,
          });
          window.scrollTo?.(0, 0);
          await invalidate();
        } catch (e) {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) keys.current.delete(it.id);
          setFailure(errorMessage(e));
        }
      },
    });

  return (
    <div className="m-page" data-testid="m-exchange">
      <PageHead title="积分兑换" back="/m/me" />
      {issued && (
        <div className="m-result ok" data-testid="redeem-result">
          <CheckCircleFilled className="m-result-icon" />
          <h2>兑换成功</h2>
          <p>{issued.itemName}</p>
          <div className="m-muted">领取码</div>
          <div className="m-pickup-code" data-testid="pickup-code">
            {issued.pickupCode}
          </div>
          <p>请到{issued.pickupPlace ? `“${issued.pickupPlace}”` : '领取地点'}出示领取码领取。</p>
          <Button size="large" block onClick={() => setIssued(null)}>
            知道了
          </Button>
        </div>
      )}
      <div className="m-balance small">
        <span>我的积分</span>
        <strong data-testid="exchange-balance">{balance}</strong>
      </div>
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure}
          style={{ marginBottom: 12 }}
          data-testid="redeem-error"
        />
      )}
      {items.isPending ? (
        <Loading />
      ) : items.isError ? (
        <LoadError error={items.error} retry={() => items.refetch()} />
      ) : !list.length ? (
        <Empty icon={<GiftOutlined />} title="暂时没有可兑换的物品" />
      ) : (
        <div className="m-list">
          {list.map((it) => {
            const enough = it.affordable ?? balance >= it.pricePoints;
            const inStock = it.stockLeft > 0;
            const limitReached = !!it.perPersonLimit && (it.redeemedByMe ?? 0) >= it.perPersonLimit;
            return (
              <div key={it.id} className="m-reward" data-testid="reward-item">
                <div className="m-reward-main">
                  <strong>{it.name}</strong>
                  {it.description && <small>{it.description}</small>}
                  <small>
                    {[it.providerName, it.pickupPlace && `领取：${it.pickupPlace}`]
                      .filter(Boolean)
                      .join(' · ')}
                  </small>
                  <small>
                    剩余 {it.stockLeft} 件{it.perPersonLimit ? ` · 每人限 ${it.perPersonLimit} 件` : ''}
                  </small>
                </div>
                <div className="m-reward-side">
                  <div className="m-price">{it.pricePoints} 积分</div>
                  <Button
                    type="primary"
                    size="large"
                    disabled={!enough || !inStock || limitReached}
                    onClick={() => redeem(it)}
                    data-testid="reward-redeem"
                  >
                    {!inStock ? '已兑完' : limitReached ? '已达限额' : enough ? '兑换' : '积分不够'}
                  </Button>
                </div>
              </div>
            );
          })}
        </div>
      )}
      <div className="m-card" style={{ marginTop: 16 }} data-testid="my-redemptions">
        <h3 className="m-card-title">我的兑换</h3>
        {!redemptions.length ? (
          <p className="m-muted">还没有兑换记录。</p>
        ) : (
          redemptions.map((r) => (
            <div key={r.id} className="m-mini-row static">
              <span>
                <strong>{r.itemName ?? r.item?.name ?? '兑换'}</strong>
                <small>
                  {fmtDateTime(r.createdAt)} · {r.points} 积分 · 领取码{' '}
                  <b className="m-code-inline">{r.pickupCode}</b>
                </small>
              </span>
              <em className={`m-badge${r.state === 'issued' ? ' ok' : ''}`}>
                {r.stateLabel ?? redemptionLabels[r.state] ?? r.state}
              </em>
            </div>
          ))
        )}
      </div>
    </div>
  );
}

export function ExchangePage() {
  return <RequireVolunteer>{(me) => <Exchange me={me} />}</RequireVolunteer>;
}

// ───────────────────────────── 信用 ─────────────────────────────

interface MyCredit {
  score: number;
  level: string;
  label: string;
  changes: { eventId: string; at: string; delta: number; scoreAfter: number; reason: string }[];
  restricted: {
    until: string;
    untilDate?: string;
    reason: string;
    source?: string;
    restrictionId?: string;
    eventIds?: string[];
  } | null;
  appeals?: {
    id: string;
    state: string;
    stateLabel?: string;
    reason: string;
    submittedAt: string;
    decision?: string | null;
    eventId?: string | null;
    restrictionId?: string | null;
  }[];
}
const appealLabels: Record<string, string> = {
  pending: '待处理',
  upheld: '申诉成立',
  dismissed: '申诉不成立',
};

function Credit() {
  const q = useMine<MyCredit>('credit', '/v1/me/credit');
  const invalidate = useInvalidateMine();
  const [target, setTarget] = useState<{ eventId?: string; restrictionId?: string; what: string } | null>(
    null,
  );
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} retry={() => q.refetch()} />;
  const c = q.data;
  const appeals = c.appeals ?? [];

  const submit = async (v: { reason: string }) => {
    if (!target) return;
    setBusy(true);
    setFailure(null);
    try {
      await mePost('/v1/me/credit/appeals', {
        ...(target.eventId ? { eventId: target.eventId } : {}),
        ...(target.restrictionId ? { restrictionId: target.restrictionId } : {}),
        reason: v.reason.trim(),
      });
      setSent(true);
      setTarget(null);
      form.resetFields();
      await invalidate();
    } catch (e) {
      applyFieldErrors(form, e);
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m-page" data-testid="m-credit">
      <PageHead title="我的信用" back="/m/me" />
      <div className="m-balance">
        <span>信用分</span>
        <strong data-testid="credit-score">{c.score}</strong>
        <small>{c.label}</small>
      </div>
      {c.restricted && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="credit-restricted"
          title={`暂时不能报名活动，${fmtDate(c.restricted.untilDate ?? new Date(new Date(c.restricted.until).getTime() - 1))}以后恢复`}
          description={
            <>
              原因：{c.restricted.reason}
              <div>
                <Button
                  type="link"
                  style={{ padding: 0, fontSize: 17 }}
                  onClick={() =>
                    setTarget({
                      restrictionId: c.restricted?.restrictionId,
                      eventId: c.restricted?.restrictionId ? undefined : c.restricted?.eventIds?.at(-1),
                      what: '报名限制',
                    })
                  }
                >
                  对限制有异议？申诉
                </Button>
              </div>
            </>
          }
        />
      )}
      {sent && (
        <Alert
          type="success"
          showIcon
          title="申诉已提交，社区会尽快处理"
          style={{ marginBottom: 12 }}
          data-testid="appeal-sent"
        />
      )}
      {target && (
        <div className="m-card" data-testid="appeal-form">
          <h3 className="m-card-title">申诉：{target.what}</h3>
          <Form form={form} layout="vertical" requiredMark={false} size="large" onFinish={submit}>
            <Form.Item
              name="reason"
              label="申诉理由"
              rules={[{ required: true, whitespace: true, message: '请填写申诉理由' }]}
            >
              <Input.TextArea
                rows={4}
                maxLength={500}
                placeholder="请说明情况，例如：当天生病，已提前请假"
                data-testid="appeal-reason"
              />
            </Form.Item>
            {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
            <div className="m-nav">
              <Button size="large" onClick={() => setTarget(null)}>
                取消
              </Button>
              <Button
                type="primary"
                size="large"
                htmlType="submit"
                loading={busy}
                data-testid="appeal-submit"
              >
                提交申诉
              </Button>
            </div>
          </Form>
        </div>
      )}
      <div className="m-card">
        <h3 className="m-card-title">信用变化</h3>
        {!c.changes.length ? (
          <p className="m-muted">信用良好，没有变化记录。</p>
        ) : (
          c.changes.map((ch) => (
            <div key={ch.eventId} className="m-mini-row static" data-testid="credit-change">
              <span>
                <strong>{ch.reason}</strong>
                <small>
                  {fmtDate(ch.at)} · 变化后 {ch.scoreAfter} 分 ·{' '}
                  <Button
                    type="link"
                    style={{ padding: 0, height: 'auto', fontSize: 16 }}
                    onClick={() => setTarget({ eventId: ch.eventId, what: ch.reason })}
                  >
                    申诉
                  </Button>
                </small>
              </span>
              <em className={ch.delta >= 0 ? 'm-plus' : 'm-minus'}>
                {ch.delta >= 0 ? `+${ch.delta}` : ch.delta}
              </em>
            </div>
          ))
        )}
      </div>
      {appeals.length > 0 && (
        <div className="m-card">
          <h3 className="m-card-title">我的申诉</h3>
          {appeals.map((a) => (
            <div key={a.id} className="m-mini-row static">
              <span>
                <strong>{a.reason}</strong>
                <small>
                  {fmtDateTime(a.submittedAt)}
                  {a.decision ? ` · ${a.decision}` : ''}
                </small>
              </span>
              <em className="m-badge">{a.stateLabel ?? appealLabels[a.state] ?? a.state}</em>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export function CreditPage() {
  return <RequireVolunteer>{() => <Credit />}</RequireVolunteer>;
}

// ───────────────────────────── 服务证明 ─────────────────────────────

interface MyCertificate {
  id: string;
  number: string;
  periodFrom: string;
  periodTo: string;
  minutes: number;
  records: number;
  issuerName?: string;
  issuedAt: string;
  status?: string;
  statusLabel?: string;
  verifyUrl?: string;
  pdfUrl?: string;
}

const verifyPath = (c: MyCertificate) => `/public/service-cert/${encodeURIComponent(c.number)}`;
const pdfPath = (c: MyCertificate) => `/api/v1/me/certificates/${c.id}/pdf`;

function Certificates({ me }: { me: MyVolunteer }) {
  const q = useMine<List<MyCertificate>>('certificates', '/v1/me/certificates');
  const invalidate = useInvalidateMine();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs(me.registeredAt).startOf('day'),
    dayjs().startOf('day'),
  ]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [issued, setIssued] = useState<MyCertificate | null>(null);
  const list = itemsOf(q.data as { items: MyCertificate[] } | MyCertificate[] | undefined);

  const preset = (kind: 'all' | 'year' | 'lastYear') => {
    const now = dayjs();
    if (kind === 'all') setRange([dayjs(me.registeredAt).startOf('day'), now.startOf('day')]);
    if (kind === 'year') setRange([now.startOf('year'), now.startOf('day')]);
    if (kind === 'lastYear')
      setRange([
        now.subtract(1, 'year').startOf('year'),
        now.subtract(1, 'year').endOf('year').startOf('day'),
      ]);
  };

  const issue = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const c = await mePost<MyCertificate>('/v1/me/certificates', {
        from: range[0].format('YYYY-MM-DD'),
        to: range[1].format('YYYY-MM-DD'),
      });
      setIssued(c);
      await invalidate();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m-page" data-testid="m-certificates">
      <PageHead title="服务证明" back="/m/me" />
      <p className="m-lead">
        开具《志愿服务记录证明》，写明这段时间里的服务时长，可以下载打印，别人扫证明上的二维码就能查真伪。
      </p>
      <div className="m-card" data-testid="cert-form">
        <h3 className="m-card-title">1. 选择时间段</h3>
        <div className="m-chips">
          <button type="button" className="m-tag" onClick={() => preset('all')}>
            全部
          </button>
          <button type="button" className="m-tag" onClick={() => preset('year')}>
            今年
          </button>
          <button type="button" className="m-tag" onClick={() => preset('lastYear')}>
            去年
          </button>
        </div>
        <div className="m-dates">
          <div className="m-date-row">
            <span>从</span>
            <DatePicker
              size="large"
              value={range[0]}
              allowClear={false}
              inputReadOnly
              onChange={(d) => d && setRange([d, range[1]])}
              data-testid="cert-from"
            />
          </div>
          <div className="m-date-row">
            <span>到</span>
            <DatePicker
              size="large"
              value={range[1]}
              allowClear={false}
              inputReadOnly
              onChange={(d) => d && setRange([range[0], d])}
              data-testid="cert-to"
            />
          </div>
        </div>
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure}
            style={{ margin: '12px 0' }}
            data-testid="cert-error"
          />
        )}
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          onClick={issue}
          style={{ marginTop: 16 }}
          data-testid="cert-issue"
        >
          2. 开具证明
        </Button>
      </div>
      {issued && (
        <div className="m-result ok" data-testid="cert-issued">
          <CheckCircleFilled className="m-result-icon" />
          <h2>证明已开具</h2>
          <p>
            编号 <b data-testid="cert-number">{issued.number}</b>
          </p>
          <p>
            {fmtDate(issued.periodFrom)} 至 {fmtDate(issued.periodTo)}，共 {durationText(issued.minutes)}（
            {issued.records} 次）
          </p>
          <a className="m-big-button" href={pdfPath(issued)} download data-testid="cert-pdf">
            <FileProtectOutlined /> 下载 PDF
          </a>
          <a
            className="m-text-link"
            href={verifyPath(issued)}
            target="_blank"
            rel="noreferrer"
            data-testid="cert-verify"
          >
            查看核验页面 ›
          </a>
        </div>
      )}
      <div className="m-card" data-testid="cert-list">
        <h3 className="m-card-title">我的证明</h3>
        {q.isPending ? (
          <Loading />
        ) : q.isError ? (
          <LoadError error={q.error} retry={() => q.refetch()} />
        ) : !list.length ? (
          <p className="m-muted">还没有开具过证明。</p>
        ) : (
          list.map((c) => (
            <div key={c.id} className="m-cert" data-testid="cert-row">
              <strong>
                <AuditOutlined /> {c.number}
              </strong>
              <small>
                {fmtDate(c.periodFrom)} 至 {fmtDate(c.periodTo)} · {durationText(c.minutes)} ·{' '}
                {c.statusLabel ?? (c.status === 'revoked' ? '已作废' : '有效')}
              </small>
              <div className="m-cert-links">
                <a href={pdfPath(c)} download>
                  下载 PDF
                </a>
                <a href={verifyPath(c)} target="_blank" rel="noreferrer">
                  核验页面
                </a>
              </div>
            </div>
          ))
        )}
      </div>
    </div>
  );
}

export function CertificatesPage() {
  return <RequireVolunteer>{(me) => <Certificates me={me} />}</RequireVolunteer>;
}
