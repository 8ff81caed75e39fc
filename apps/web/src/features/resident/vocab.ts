import {
  type ConsentPurpose,
  consentPurposeLabels,
  consentPurposes,
  defaultEligibilityConfig,
  serviceCategories,
  serviceCategoryLabels,
} from '@linli/core';

export type { ConsentPurpose };

/**
 * The consents the registration asks for, one per use of the data (PIPL: a separate consent for
 * each use, none pre-checked). Purposes, labels and the required ones come from core
 * (volunteer/eligibility, the vocabulary the server validates); the note is what a resident reads.
 */
const notes: Readonly<Record<ConsentPurpose, string>> = {
  record: '保存您的姓名、电话、所在社区和服务时长，用于登记志愿服务。',
  sensitive_id: '身份证号用于核实身份、避免重复注册，加密保存，页面上只显示部分号码。',
  certificate: '需要时为您出具志愿服务记录证明（证明上的身份证号部分隐藏）。',
  share_national_system: '把您的志愿者信息和服务记录报送到全国志愿服务信息系统。',
  publicity: '在表彰、宣传中展示您的姓名和服务事迹。',
  contact: '通过电话或短信通知您活动安排。',
};

export const consentItems = consentPurposes.map((purpose) => ({
  purpose,
  title: consentPurposeLabels[purpose],
  note: notes[purpose],
  required: defaultEligibilityConfig.requiredPurposes.includes(purpose),
}));

/** Skills a resident can tap; sent as the Chinese words. */
export const skillOptions = [
  '医疗护理',
  '心理疏导',
  '法律咨询',
  '教育辅导',
  '文艺表演',
  '手机电脑',
  '家电维修',
  '理发',
  '驾驶',
  '摄影',
  '外语翻译',
  '手语',
  '书法绘画',
  '体育健身',
] as const;

/** Service interests: the volunteer service categories (sent as their codes). */
export const interestOptions = serviceCategories
  .filter((c) => c !== 'other')
  .map((code) => ({ code, label: serviceCategoryLabels[code] }));

export const interestLabel = (code: string): string =>
  (serviceCategoryLabels as Readonly<Record<string, string>>)[code] ?? code;

/** Under this age (周岁) a guardian registers and consents (PIPL). */
export const GUARDIAN_AGE = 14;
