/** Volunteer vocabularies stored as codes, with the Chinese a resident sees. */

function member<T extends string>(list: readonly T[]) {
  return (s: unknown): s is T => typeof s === 'string' && (list as readonly string[]).includes(s);
}

/** Service categories of volunteer activities (志愿服务类别). */
export const serviceCategories = [
  'elderly',
  'disabled',
  'children',
  'governance',
  'environment',
  'civilization',
  'emergency',
  'culture_sports',
  'other',
] as const;
export type ServiceCategory = (typeof serviceCategories)[number];
export const serviceCategoryLabels: Readonly<Record<ServiceCategory, string>> = {
  elderly: '助老',
  disabled: '助残',
  children: '关爱儿童',
  governance: '社区治理',
  environment: '环境保护',
  civilization: '文明实践',
  emergency: '应急救援',
  culture_sports: '文体服务',
  other: '其他',
};

/** A volunteer's sign-up for one activity. */
export const signUpStates = [
  'pending',
  'approved',
  'waitlisted',
  'rejected',
  'withdrawn',
  'cancelled',
] as const;
export type SignUpState = (typeof signUpStates)[number];
export const signUpStateLabels: Readonly<Record<SignUpState, string>> = {
  pending: '待审核',
  approved: '已录用',
  waitlisted: '候补中',
  rejected: '未录用',
  withdrawn: '本人已取消',
  cancelled: '组织方已取消',
};

/** Attendance of an approved volunteer at one activity. */
export const checkinStates = [
  'not_checked_in',
  'checked_in',
  'checked_out',
  'backfill_pending',
  'backfilled',
  'no_show',
] as const;
export type CheckinState = (typeof checkinStates)[number];
export const checkinStateLabels: Readonly<Record<CheckinState, string>> = {
  not_checked_in: '未签到',
  checked_in: '已签到',
  checked_out: '已签退',
  backfill_pending: '补录待审核',
  backfilled: '已补录',
  no_show: '缺席',
};

/** Where service hours come from: scanned check-in/out, or an organizer's approved backfill. */
export const hourSources = ['checked', 'backfilled'] as const;
export type HourSource = (typeof hourSources)[number];
export const hourSourceLabels: Readonly<Record<HourSource, string>> = {
  checked: '签到时长',
  backfilled: '补录时长',
};

export const checkinKinds = ['in', 'out'] as const;
export type CheckinKind = (typeof checkinKinds)[number];
export const checkinKindLabels: Readonly<Record<CheckinKind, string>> = { in: '签到', out: '签退' };

export const isServiceCategory = member(serviceCategories);
export const isSignUpState = member(signUpStates);
export const isCheckinState = member(checkinStates);
export const isHourSource = member(hourSources);
export const isCheckinKind = member(checkinKinds);
