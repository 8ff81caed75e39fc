import {
  CalendarOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  EnvironmentOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { liveSignUpStates, serviceCategories, serviceCategoryLabels, signUpStateLabels } from '@linli/core';
import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../lib/api';
import {
  type MyActivityState,
  type MySignup,
  mePost,
  type PublicActivity,
  useInvalidateMine,
  useMyActivity,
  useMyVolunteer,
  usePublicActivities,
  usePublicActivity,
} from './api';
import { Empty, Facts, fmtDateTime, fmtSpan, LoadError, Loading, PageHead } from './ui';

const stateLabel = (s: string | undefined) =>
  s ? ((signUpStateLabels as Readonly<Record<string, string>>)[s] ?? s) : '';
const isLive = (s: string | undefined) => !!s && (liveSignUpStates as readonly string[]).includes(s);

const categoryChips = serviceCategories.map((c) => ({ code: c, label: serviceCategoryLabels[c] }));

/** Why an activity cannot be signed up for right now, in a resident's words. */
export function signupBadge(a: PublicActivity, now = new Date()): string {
  if (a.signupOpen) return '可报名';
  if (a.status !== 'published') return a.statusLabel;
  if (new Date(a.endsAt) <= now) return '已结束';
  if (new Date(a.startsAt) <= now) return '进行中';
  if (new Date(a.signupOpensAt) > now) return '报名未开始';
  if (new Date(a.signupClosesAt) < now) return '报名已截止';
  if (a.seatsLeft <= 0) return '已满员';
  return '暂停报名';
}

function ActivityCard({ a }: { a: PublicActivity }) {
  return (
    <Link to={`/m/activities/${a.id}`} className="m-activity" data-testid="m-activity-card">
      <div className="m-activity-top">
        <span className="m-chip-static">{a.categoryLabel}</span>
        <span className={`m-badge${a.signupOpen ? ' ok' : ''}`}>{signupBadge(a)}</span>
      </div>
      <h2>{a.title}</h2>
      <div className="m-activity-line">
        <ClockCircleOutlined /> {fmtSpan(a.startsAt, a.endsAt)}
      </div>
      <div className="m-activity-line">
        <EnvironmentOutlined /> {a.place}
      </div>
      <div className="m-activity-line m-muted">
        <TeamOutlined /> 还剩 {a.seatsLeft} 个名额（共 {a.wanted} 人）· {a.organizationName}
      </div>
    </Link>
  );
}

/** 活动: published activities, by category, my community first when signed in. */
export function ActivitiesPage() {
  const me = useMyVolunteer();
  const [category, setCategory] = useState<string | undefined>();
  const [mine, setMine] = useState(true);
  const myCommunity = me.data?.regionCode;
  const regionCode = mine && myCommunity ? myCommunity : undefined;
  const list = usePublicActivities({ category, regionCode });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <div className="m-page" data-testid="m-activities">
      <PageHead title="志愿活动" />
      {myCommunity && (
        <div className="m-seg">
          <button type="button" aria-pressed={mine} onClick={() => setMine(true)} data-testid="m-scope-mine">
            {me.data?.regionName ?? '本社区'}
          </button>
          <button type="button" aria-pressed={!mine} onClick={() => setMine(false)} data-testid="m-scope-all">
            全部社区
          </button>
        </div>
      )}
      <div className="m-chips" data-testid="m-category-chips">
        <button
          type="button"
          className="m-tag"
          aria-pressed={!category}
          onClick={() => setCategory(undefined)}
        >
          全部
        </button>
        {categoryChips.map((c) => (
          <button
            key={c.code}
            type="button"
            className="m-tag"
            aria-pressed={category === c.code}
            onClick={() => setCategory(c.code)}
          >
            {c.label}
          </button>
        ))}
      </div>
      {list.isPending || me.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Empty icon={<CalendarOutlined />} title="暂时没有活动">
          <p>{regionCode ? '本社区暂时没有可报名的活动，可以看看全部社区。' : '过几天再来看看吧。'}</p>
          {regionCode && (
            <Button size="large" onClick={() => setMine(false)}>
              看全部社区的活动
            </Button>
          )}
        </Empty>
      ) : (
        <>
          <p className="m-muted" style={{ margin: '8px 0' }}>
            共 {total} 个活动
          </p>
          <div className="m-list">
            {items.map((a) => (
              <ActivityCard key={a.id} a={a} />
            ))}
          </div>
          {list.hasNextPage ? (
            <Button
              size="large"
              block
              style={{ marginTop: 16 }}
              loading={list.isFetchingNextPage}
              onClick={() => list.fetchNextPage()}
              data-testid="m-more"
            >
              加载更多
            </Button>
          ) : (
            <p className="m-muted" style={{ textAlign: 'center', marginTop: 16 }}>
              已经到底了
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** My (latest) sign-up from `GET /me/activities/:id`. */
function signupOf(s: MyActivityState | null | undefined): MySignup | null {
  return s?.mySignUp ?? null;
}

export function ActivityDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const me = useMyVolunteer();
  const activity = usePublicActivity(id);
  const mineQ = useMyActivity(id, !!me.data);
  const invalidate = useInvalidateMine();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (activity.isPending) return <Loading />;
  if (activity.isError)
    return (
      <div className="m-page">
        <PageHead title="活动详情" back="/m/activities" />
        <LoadError error={activity.error} />
      </div>
    );
  const a = activity.data;
  const signup = signupOf(mineQ.data);
  const live = isLive(signup?.state);

  const signUp = async () => {
    if (!me.data) {
      navigate(`/m/login?next=${encodeURIComponent(`/m/activities/${a.id}`)}`);
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      await mePost('/v1/me/signups', { activityId: a.id });
      message.success('报名成功，请等待组织方审核');
      await Promise.all([invalidate(), activity.refetch()]);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = () => {
    if (!signup) return;
    modal.confirm({
      title: '确定取消报名吗？',
      content: '取消后名额会让给其他志愿者。活动开始前还可以再报名。',
      okText: '确定取消',
      cancelText: '不取消',
      okButtonProps: { danger: true, size: 'large' },
      cancelButtonProps: { size: 'large' },
      onOk: async () => {
        setFailure(null);
        try {
          await mePost(
            `/v1/me/signups/${signup.id}/withdraw`,
            signup.version !== undefined ? { version: signup.version } : {},
          );
          message.success('已取消报名');
          await Promise.all([invalidate(), activity.refetch()]);
        } catch (e) {
          setFailure(errorMessage(e));
        }
      },
    });
  };

  return (
    <div className="m-page" data-testid="m-activity">
      <PageHead title="活动详情" back="/m/activities" />
      <div className="m-card">
        <div className="m-activity-top">
          <span className="m-chip-static">{a.categoryLabel}</span>
          <span className={`m-badge${a.signupOpen ? ' ok' : ''}`}>{signupBadge(a)}</span>
        </div>
        <h2 className="m-activity-title" data-testid="m-activity-title">
          {a.title}
        </h2>
        <Facts
          items={[
            ['时间', fmtSpan(a.startsAt, a.endsAt)],
            ['地点', a.place],
            ['社区', [a.streetName, a.communityName].filter(Boolean).join(' ') || '—'],
            ['组织方', a.organizationName],
            [
              '名额',
              <span key="s" data-testid="m-seats">
                还剩 {a.seatsLeft} 个（共 {a.wanted} 人）
              </span>,
            ],
            ['报名截止', fmtDateTime(a.signupClosesAt)],
          ]}
        />
      </div>
      {a.status === 'cancelled' && (
        <Alert type="warning" showIcon title="活动已取消" description={a.cancelReason ?? undefined} />
      )}
      <div className="m-card">
        <h3 className="m-card-title">活动内容</h3>
        <p className="m-prewrap">{a.content}</p>
      </div>

      {signup && (
        <div className={`m-state m-state-${signup.state}`} data-testid="m-signup-state">
          {signup.state === 'approved' && <CheckCircleFilled />} 我的报名：
          <strong>{signup.stateLabel ?? stateLabel(signup.state)}</strong>
          {signup.reason ? <div className="m-muted">原因：{signup.reason}</div> : null}
        </div>
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure}
          style={{ margin: '12px 0' }}
          data-testid="m-signup-error"
        />
      )}
      {!live && (mineQ.data ? mineQ.data.canSignUp : a.signupOpen) && (
        <Button
          type="primary"
          size="large"
          block
          className="m-cta"
          loading={busy}
          onClick={signUp}
          data-testid="m-signup"
        >
          {me.data ? '报名' : '登录后报名'}
        </Button>
      )}
      {!live && !a.signupOpen && a.status === 'published' && (
        <p className="m-muted" style={{ textAlign: 'center' }}>
          {signupBadge(a) === '已满员' ? '名额已满' : `${signupBadge(a)}，现在不能报名`}
        </p>
      )}
      {signup?.state === 'approved' && (
        <Link to={`/m/checkin?activity=${a.id}`} className="m-big-button" data-testid="m-go-checkin">
          去签到 / 签退
        </Link>
      )}
      {live && (
        <Button
          size="large"
          block
          danger
          className="m-cta-secondary"
          onClick={withdraw}
          data-testid="m-withdraw"
        >
          取消报名
        </Button>
      )}
    </div>
  );
}
