import { CheckCircleFilled } from '@ant-design/icons';
import { ageOn, todayInShanghai, validateIdNumber, validatePhone } from '@linli/core';
import { Alert, Button, Checkbox, Form, Input, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { Fragment, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../lib/api';
import { PasswordFields } from './AuthPages';
import {
  type Registered,
  type RegistrationBody,
  useCommunities,
  useOpenAccount,
  useRegisterVolunteer,
  useStreets,
} from './api';
import {
  type ConsentPurpose,
  consentItems,
  GUARDIAN_AGE,
  interestLabel,
  interestOptions,
  skillOptions,
} from './vocab';

interface Values {
  realName?: string;
  idNumber?: string;
  phone?: string;
  streetCode?: string;
  regionCode?: string;
  skills?: string[];
  interests?: string[];
  consents?: Partial<Record<ConsentPurpose, boolean>>;
  guardianName?: string;
  guardianPhone?: string;
  guardianConsent?: boolean;
}

const steps = ['您是谁', '住在哪里', '能做什么', '同意事项', '确认提交'] as const;

type IdInfo =
  | { ok: true; birthDate: string; age: number; sex: string }
  | { ok: false; message: string }
  | null;

function idInfo(raw: string | undefined): IdInfo {
  const s = (raw ?? '').trim();
  if (!s) return null;
  const r = validateIdNumber(s);
  if (!r.ok) return s.length < 18 ? null : { ok: false, message: r.message };
  return {
    ok: true,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, todayInShanghai(new Date())),
    sex: r.sex === 'male' ? '男' : '女',
  };
}

/** Which step shows a server field (`consents.1.granted`, `skills.0`, `guardianPhone`…). */
function stepOf(field: string): number {
  const head = field.split('.')[0];
  if (['realName', 'idNumber', 'phone', 'guardianName', 'guardianPhone', 'guardianConsent'].includes(head))
    return 0;
  if (head === 'regionCode') return 1;
  if (head === 'skills' || head === 'interests') return 2;
  if (head === 'consents') return 3;
  return 4;
}

/** The form field a server field lands on. */
function fieldOf(field: string): NamePath {
  const head = field.split('.')[0];
  if (head === 'consents') return ['consents', 'record'];
  if (head === 'skills' || head === 'interests') return head;
  return head;
}

function TagPicker({
  options,
  value = [],
  onChange,
  testId,
}: {
  options: readonly { value: string; label: string }[];
  value?: string[];
  onChange?: (v: string[]) => void;
  testId: string;
}) {
  const toggle = (v: string) => onChange?.(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  const extra = value.filter((v) => !options.some((o) => o.value === v));
  return (
    <div className="m-tags" data-testid={testId}>
      {[...options, ...extra.map((v) => ({ value: v, label: v }))].map((o) => (
        <button
          key={o.value}
          type="button"
          className="m-tag"
          aria-pressed={value.includes(o.value)}
          onClick={() => toggle(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

function OtherSkill({ onAdd }: { onAdd: (s: string) => void }) {
  const [text, setText] = useState('');
  const add = () => {
    const s = text.trim();
    if (s) onAdd(s.slice(0, 20));
    setText('');
  };
  return (
    <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
      <Input
        size="large"
        value={text}
        maxLength={20}
        placeholder="其他技能，如：烹饪"
        onChange={(e) => setText(e.target.value)}
        onPressEnter={(e) => {
          e.preventDefault();
          add();
        }}
        data-testid="reg-skill-other"
      />
      <Button size="large" onClick={add} style={{ flex: 'none' }}>
        添加
      </Button>
    </div>
  );
}

function Summary({ items }: { items: [string, ReactNode][] }) {
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

function Success({
  r,
  community,
  idNumber,
  phone,
}: {
  r: Registered;
  community: string;
  idNumber: string;
  phone: string;
}) {
  return (
    <div className="m-page m-success" data-testid="reg-success">
      <CheckCircleFilled className="m-success-icon" />
      <h1>注册成功</h1>
      <p style={{ fontSize: 18, margin: '0 0 12px' }}>欢迎您成为志愿者！请记下您的志愿者编号：</p>
      <div className="m-card">
        <div className="m-muted">志愿者编号</div>
        <div className="m-volunteer-number" data-testid="reg-volunteer-number">
          {r.volunteerNumber}
        </div>
        <div style={{ textAlign: 'left' }}>
          <Summary
            items={[
              ['姓名', r.realName],
              [
                '身份证号',
                <span key="id" data-testid="reg-id-masked">
                  {r.idNumberMasked}
                </span>,
              ],
              [
                '手机号',
                <span key="phone" data-testid="reg-phone-masked">
                  {r.phoneMasked}
                </span>,
              ],
              ['所在社区', community],
            ]}
          />
        </div>
      </div>
      <OpenAccount idNumber={idNumber} phone={phone} />
    </div>
  );
}

/** The last step: set a password, which opens the sign-in account and signs the resident in. */
function OpenAccount({ idNumber, phone }: { idNumber: string; phone: string }) {
  const [form] = Form.useForm<{ password: string; password2: string }>();
  const open = useOpenAccount();
  const [opened, setOpened] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (opened)
    return (
      <div className="m-card" style={{ textAlign: 'left' }} data-testid="reg-account-opened">
        <h2 style={{ fontSize: 20, margin: '0 0 4px' }}>登录账号已开通</h2>
        <p style={{ margin: 0 }}>您已登录。以后用身份证号和刚才设置的密码登录。</p>
        <Link to="/m/activities" className="m-big-button" data-testid="reg-to-activities">
          去报名活动
        </Link>
        <Link to="/m/me" className="m-text-link">
          查看我的 ›
        </Link>
      </div>
    );
  const submit = async (v: { password: string }) => {
    setFailure(null);
    try {
      await open.mutateAsync({ idNumber, phone, password: v.password });
      setOpened(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setOpened(true);
      else if (e instanceof ApiError && e.status === 429) setFailure('尝试次数过多，请 15 分钟后再试');
      else setFailure(e instanceof ApiError ? e.message : '开通失败，请稍后再试');
    }
  };
  return (
    <div className="m-card" style={{ textAlign: 'left' }} data-testid="reg-account">
      <h2 style={{ fontSize: 20, margin: '0 0 4px' }}>最后一步：设置登录密码</h2>
      <p className="m-muted" style={{ margin: '0 0 12px' }}>
        设置密码后，就能用身份证号登录，报名活动、签到、查看服务时长和积分。
      </p>
      <Form form={form} layout="vertical" requiredMark={false} size="large" onFinish={submit}>
        <PasswordFields />
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure}
            style={{ marginBottom: 16 }}
            data-testid="reg-account-error"
          />
        )}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={open.isPending}
          data-testid="reg-account-submit"
        >
          设置密码并登录
        </Button>
      </Form>
      <Link to="/m" className="m-text-link" style={{ display: 'inline-block', marginTop: 12 }}>
        以后再设置，返回首页 ›
      </Link>
    </div>
  );
}

export default function RegisterPage() {
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [pending, setPending] = useState<{ name: NamePath; errors: string[] }[]>([]);
  const [duplicate, setDuplicate] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<Registered | null>(null);
  const top = useRef<HTMLDivElement>(null);
  const sent = useRef({ idNumber: '', phone: '' });
  const register = useRegisterVolunteer();

  const watch = { form, preserve: true } as const;
  const idNumber = Form.useWatch('idNumber', watch);
  const streetCode = Form.useWatch('streetCode', watch);
  const regionCode = Form.useWatch('regionCode', watch);
  const consents = Form.useWatch('consents', watch);
  const guardianConsent = Form.useWatch('guardianConsent', watch);
  const info = useMemo(() => idInfo(idNumber), [idNumber]);
  const needsGuardian = info?.ok === true && info.age < GUARDIAN_AGE;

  const streets = useStreets();
  const communities = useCommunities(streetCode);
  const communityList = communities.data ?? null;
  const noCommunityEndpoint = !!streetCode && communities.isSuccess && communityList === null;
  const streetName = streets.data?.streets.find((s) => s.code === streetCode)?.name;
  const communityName = communityList?.find((c) => c.code === regionCode)?.name;
  const place =
    [streetName, communityName].filter(Boolean).join(' · ') +
    (communityName ? '' : `（社区代码 ${regionCode ?? ''}）`);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the top whenever the step changes
  useEffect(() => {
    top.current?.scrollIntoView?.({ block: 'start' });
    window.scrollTo?.(0, 0);
  }, [step]);

  useEffect(() => {
    if (pending.length) {
      form.setFields(pending);
      setPending([]);
    }
  }, [pending, form]);

  const stepFields = (s: number): NamePath[] => {
    switch (s) {
      case 0:
        return [
          'realName',
          'idNumber',
          'phone',
          ...(needsGuardian ? ['guardianName', 'guardianPhone', 'guardianConsent'] : []),
        ];
      case 1:
        return ['streetCode', 'regionCode'];
      case 3:
        return consentItems.map((c) => ['consents', c.purpose]);
      default:
        return [];
    }
  };

  const next = async () => {
    try {
      await form.validateFields(stepFields(step));
    } catch {
      return;
    }
    setStep((s) => Math.min(s + 1, steps.length - 1));
  };

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    setDuplicate(false);
    setFailure(null);
    const body: RegistrationBody = {
      realName: (v.realName ?? '').trim(),
      idNumber: (v.idNumber ?? '').trim().toUpperCase(),
      phone: (v.phone ?? '').trim(),
      regionCode: (v.regionCode ?? '').trim(),
      skills: v.skills ?? [],
      interests: v.interests ?? [],
      consents: consentItems.map((c) => ({ purpose: c.purpose, granted: v.consents?.[c.purpose] === true })),
      ...(needsGuardian
        ? {
            guardianName: (v.guardianName ?? '').trim(),
            guardianPhone: (v.guardianPhone ?? '').trim(),
            guardianConsent: v.guardianConsent === true,
          }
        : {}),
    };
    try {
      sent.current = { idNumber: body.idNumber, phone: body.phone };
      setDone(await register.mutateAsync(body));
      window.scrollTo?.(0, 0);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setFailure('提交失败，请稍后再试');
        return;
      }
      if (e.status === 409 && (e.fields.idNumber || e.code === 'conflict')) {
        setDuplicate(true);
        return;
      }
      const entries = Object.entries(e.fields);
      if (entries.length) {
        const first = Math.min(...entries.map(([f]) => stepOf(f)));
        setPending(entries.map(([f, msg]) => ({ name: fieldOf(f), errors: [msg] })));
        if (first < 4) {
          setStep(first);
          return;
        }
      }
      setFailure(e.message);
    }
  };

  if (done)
    return <Success r={done} community={place} idNumber={sent.current.idNumber} phone={sent.current.phone} />;

  const guardian = needsGuardian && (
    <div className="m-card" data-testid="reg-guardian" style={{ borderColor: '#d48806' }}>
      <h2 style={{ fontSize: 20, margin: '0 0 4px' }}>监护人信息</h2>
      <p className="m-muted" style={{ margin: '0 0 12px' }}>
        未满 {GUARDIAN_AGE} 周岁，需要由爸爸妈妈或其他监护人一起填写，并由监护人同意。
      </p>
      <Form.Item
        name="guardianName"
        label="监护人姓名"
        rules={[{ required: true, whitespace: true, message: '请填写监护人姓名' }]}
      >
        <Input size="large" autoComplete="off" maxLength={30} data-testid="reg-guardian-name" />
      </Form.Item>
      <Form.Item
        name="guardianPhone"
        label="监护人电话"
        rules={[
          { required: true, whitespace: true, message: '请填写监护人电话' },
          {
            validator: async (_, val?: string) => {
              if (!val?.trim()) return;
              const r = validatePhone(val);
              if (!r.ok) throw new Error(r.message);
            },
          },
        ]}
      >
        <Input
          size="large"
          inputMode="tel"
          autoComplete="off"
          maxLength={20}
          data-testid="reg-guardian-phone"
        />
      </Form.Item>
      <div className={`m-consent${guardianConsent ? ' checked' : ''}`} style={{ marginBottom: 0 }}>
        <Form.Item
          name="guardianConsent"
          valuePropName="checked"
          style={{ marginBottom: 0 }}
          rules={[
            {
              validator: async (_, val?: boolean) => {
                if (val !== true) throw new Error('须经监护人同意才能注册');
              },
            },
          ]}
        >
          <Checkbox data-testid="reg-guardian-consent">
            <strong>我是监护人，同意孩子注册为志愿者</strong>
            <small>“同意事项”中的各项也由我来选择。</small>
          </Checkbox>
        </Form.Item>
      </div>
    </div>
  );

  const stepBody = [
    // 0 — who you are
    <Fragment key="who">
      <div className="m-card">
        <Form.Item
          name="realName"
          label="真实姓名"
          extra="与身份证上的姓名一致"
          rules={[
            { required: true, whitespace: true, message: '请填写姓名' },
            { min: 2, message: '姓名至少 2 个字' },
          ]}
        >
          <Input size="large" autoComplete="name" maxLength={30} data-testid="reg-realName" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          validateTrigger={['onBlur', 'onChange']}
          rules={[
            { required: true, whitespace: true, message: '请填写身份证号' },
            {
              validator: async (_, val?: string) => {
                if (!val?.trim()) return;
                const r = validateIdNumber(val);
                if (!r.ok) throw new Error(r.message);
              },
            },
          ]}
          extra="18 位，最后一位可能是 X。身份证号加密保存，页面上只显示部分号码。"
        >
          <Input size="large" autoComplete="off" maxLength={18} data-testid="reg-idNumber" />
        </Form.Item>
        {info?.ok && (
          <div
            className={`m-id-info${needsGuardian ? ' warn' : ''}`}
            data-testid="reg-id-info"
            style={{ marginTop: -8, marginBottom: 16 }}
          >
            出生日期 {info.birthDate} · {info.age} 周岁 · {info.sex}
            {needsGuardian && <div>未满 {GUARDIAN_AGE} 周岁，请监护人一起填写</div>}
          </div>
        )}
        <Form.Item
          name="phone"
          label="手机号"
          extra="用于联系您；页面上只显示部分号码"
          rules={[
            { required: true, whitespace: true, message: '请填写手机号' },
            {
              validator: async (_, val?: string) => {
                if (!val?.trim()) return;
                const r = validatePhone(val);
                if (!r.ok) throw new Error(r.message);
              },
            },
          ]}
          style={{ marginBottom: 0 }}
        >
          <Input size="large" inputMode="tel" autoComplete="tel" maxLength={20} data-testid="reg-phone" />
        </Form.Item>
      </div>
      {guardian}
    </Fragment>,
    // 1 — where you live
    <div className="m-card" key="where">
      <Form.Item name="streetCode" label="所在街道（镇）" extra="先选街道，再选社区">
        <Select
          size="large"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="请选择街道"
          loading={streets.isPending}
          options={(streets.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))}
          onChange={() => form.setFieldValue('regionCode', undefined)}
          classNames={{ popup: { root: 'm-dropdown' } }}
          data-testid="reg-street"
          notFoundContent="没有找到，可直接填写社区代码"
        />
      </Form.Item>
      {communityList ? (
        <Form.Item
          name="regionCode"
          label="所在社区（村）"
          rules={[{ required: true, message: '请选择所在社区' }]}
          style={{ marginBottom: 0 }}
        >
          <Select
            size="large"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择社区"
            options={communityList.map((c) => ({ value: c.code, label: c.name }))}
            classNames={{ popup: { root: 'm-dropdown' } }}
            data-testid="reg-community"
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="regionCode"
          label="社区代码"
          extra={
            <>
              12 位数字，可向社区居委会（村委会）询问
              {noCommunityEndpoint && streetCode
                ? `；${streetName ?? '该街道'}的社区代码以 ${streetCode.slice(0, 9)} 开头`
                : ''}
            </>
          }
          normalize={(v?: string) => (v ?? '').replace(/\D/g, '').slice(0, 12)}
          rules={[
            { required: true, message: '请填写所在社区的代码' },
            { pattern: /^\d{12}$/, message: '社区代码应为 12 位数字' },
            {
              validator: async (_, val?: string) => {
                const s = form.getFieldValue('streetCode') as string | undefined;
                if (val && s && /^\d{12}$/.test(val) && !val.startsWith(s.slice(0, 9)))
                  throw new Error('社区代码与所选街道不符');
              },
            },
          ]}
          style={{ marginBottom: 0 }}
        >
          <Input
            size="large"
            inputMode="numeric"
            autoComplete="off"
            placeholder={streetCode ? `${streetCode.slice(0, 9)}…` : '如 440305001001'}
            data-testid="reg-regionCode"
          />
        </Form.Item>
      )}
    </div>,
    // 2 — what you can do
    <Fragment key="what">
      <div className="m-card">
        <h2 style={{ fontSize: 20, margin: '0 0 4px' }}>我会做（可多选，可不选）</h2>
        <p className="m-muted" style={{ margin: '0 0 12px' }}>
          点一下选中，再点一下取消
        </p>
        <Form.Item name="skills" noStyle>
          <TagPicker options={skillOptions.map((s) => ({ value: s, label: s }))} testId="reg-skills" />
        </Form.Item>
        <OtherSkill
          onAdd={(s) => {
            const cur = (form.getFieldValue('skills') as string[] | undefined) ?? [];
            if (!cur.includes(s)) form.setFieldValue('skills', [...cur, s]);
          }}
        />
      </div>
      <div className="m-card">
        <h2 style={{ fontSize: 20, margin: '0 0 12px' }}>我想参加（可多选，可不选）</h2>
        <Form.Item name="interests" noStyle>
          <TagPicker
            options={interestOptions.map((o) => ({ value: o.code, label: o.label }))}
            testId="reg-interests"
          />
        </Form.Item>
      </div>
    </Fragment>,
    // 3 — consents
    <Fragment key="consents">
      <p style={{ margin: '0 0 12px', fontSize: 18 }}>
        {needsGuardian ? '以下每一项请由监护人逐项选择。' : '以下每一项请您逐项选择。'}
        标有“必选”的两项必须同意才能注册；其余各项可以不同意，不影响注册，以后也可以撤回。
      </p>
      {consentItems.map((c) => (
        <div key={c.purpose} className={`m-consent${consents?.[c.purpose] ? ' checked' : ''}`}>
          <Form.Item
            name={['consents', c.purpose]}
            valuePropName="checked"
            style={{ marginBottom: 0 }}
            rules={
              c.required
                ? [
                    {
                      validator: async (_, val?: boolean) => {
                        if (val !== true) throw new Error('不同意此项无法注册');
                      },
                    },
                  ]
                : []
            }
          >
            <Checkbox data-testid={`reg-consent-${c.purpose}`}>
              <strong>
                {needsGuardian ? '监护人同意：' : '我同意：'}
                {c.title}
                {c.required && <span className="m-req">（必选）</span>}
              </strong>
              <small>{c.note}</small>
            </Checkbox>
          </Form.Item>
        </div>
      ))}
    </Fragment>,
    // 4 — confirm
    <ConfirmStep
      key="confirm"
      form={form}
      needsGuardian={needsGuardian}
      place={place}
      info={info}
      onEdit={setStep}
    />,
  ];

  return (
    <div className="m-page" ref={top} data-testid="reg-page" data-step={step}>
      <div className="m-steps" aria-hidden>
        {steps.map((s, i) => (
          <span key={s} className={i <= step ? 'done' : ''} />
        ))}
      </div>
      <div className="m-step-caption">
        第 {step + 1} 步，共 {steps.length} 步
      </div>
      <h1 data-testid="reg-step-title">{steps[step]}</h1>
      <Form form={form} layout="vertical" requiredMark={false} size="large" name="reg" autoComplete="off">
        {stepBody[step]}
      </Form>
      {step === 4 && duplicate && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="reg-duplicate"
          title="这个身份证号已经注册过志愿者了"
          description={
            <>
              一个人只需要注册一次，不用重复注册。如果忘记了志愿者编号，请联系所在社区居委会查询；如果身份证号填错了，
              <Button
                type="link"
                onClick={() => setStep(0)}
                style={{ padding: 0, height: 'auto', fontSize: 17 }}
              >
                返回修改
              </Button>
              。查询证书真伪请到<Link to="/public/verify">证书核验</Link>。
            </>
          }
        />
      )}
      {step === 4 && failure && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={failure} data-testid="reg-error" />
      )}
      <div className="m-nav">
        {step > 0 && (
          <Button size="large" onClick={() => setStep((s) => s - 1)} data-testid="reg-back">
            上一步
          </Button>
        )}
        {step < steps.length - 1 ? (
          <Button type="primary" size="large" onClick={next} data-testid="reg-next">
            下一步
          </Button>
        ) : (
          <Button
            type="primary"
            size="large"
            onClick={submit}
            loading={register.isPending}
            data-testid="reg-submit"
          >
            提交注册
          </Button>
        )}
      </div>
    </div>
  );
}

function ConfirmStep({
  form,
  needsGuardian,
  place,
  info,
  onEdit,
}: {
  form: ReturnType<typeof Form.useForm<Values>>[0];
  needsGuardian: boolean;
  place: string;
  info: IdInfo;
  onEdit: (step: number) => void;
}) {
  const v = form.getFieldsValue(true) as Values;
  const none = <span className="m-muted">未选</span>;
  const section = (title: string, s: number, body: ReactNode) => (
    <div className="m-card">
      <div className="m-section-head">
        <h2>{title}</h2>
        <Button type="link" onClick={() => onEdit(s)} className="m-edit">
          修改
        </Button>
      </div>
      {body}
    </div>
  );
  return (
    <div data-testid="reg-confirm">
      <p style={{ margin: '0 0 12px', fontSize: 18 }}>请核对以下信息，确认无误后点“提交注册”。</p>
      {section(
        '您是谁',
        0,
        <Summary
          items={[
            ['姓名', v.realName],
            ['身份证号', v.idNumber?.toUpperCase()],
            ['出生日期', info?.ok ? `${info.birthDate}（${info.age} 周岁）` : '—'],
            ['手机号', v.phone],
            ...(needsGuardian
              ? ([['监护人', `${v.guardianName ?? ''} ${v.guardianPhone ?? ''}`]] as [string, ReactNode][])
              : []),
          ]}
        />,
      )}
      {section('住在哪里', 1, <Summary items={[['所在社区', place]]} />)}
      {section(
        '能做什么',
        2,
        <Summary
          items={[
            ['我会做', v.skills?.length ? v.skills.join('、') : none],
            ['我想参加', v.interests?.length ? v.interests.map(interestLabel).join('、') : none],
          ]}
        />,
      )}
      {section(
        '同意事项',
        3,
        <ul className="m-consent-list">
          {consentItems.map((c) => {
            const yes = v.consents?.[c.purpose] === true;
            return (
              <li key={c.purpose} className={yes ? 'yes' : 'no'}>
                <span>{yes ? '同意' : '不同意'}</span>
                {c.title}
              </li>
            );
          })}
        </ul>,
      )}
    </div>
  );
}
