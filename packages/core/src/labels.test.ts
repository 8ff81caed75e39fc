import { describe, expect, it } from 'vitest';
import {
  applicationKindLabels,
  applicationKinds,
  isApplicationKind,
  isOrgStatus,
  isPartyStatus,
  isTier,
  orgStatuses,
  orgStatusLabels,
  partyStatuses,
  partyStatusLabels,
  tierLabels,
  tiers,
} from './labels';

describe('labels', () => {
  it('labels every code', () => {
    expect(Object.keys(tierLabels)).toEqual([...tiers]);
    expect(Object.keys(orgStatusLabels)).toEqual([...orgStatuses]);
    expect(Object.keys(partyStatusLabels)).toEqual([...partyStatuses]);
    expect(Object.keys(applicationKindLabels)).toEqual([...applicationKinds]);
  });
  it('uses the agreed wording', () => {
    expect(tierLabels.group).toBe('社区活动小组');
    expect(orgStatusLabels.exiting).toBe('退出中');
    expect(partyStatusLabels.joint_branch).toBe('联合党支部');
    expect(applicationKindLabels.exit).toBe('退出申请');
  });
  it('guards codes', () => {
    expect(isTier('filed')).toBe(true);
    expect(isTier('other')).toBe(false);
    expect(isOrgStatus('dormant')).toBe(true);
    expect(isPartyStatus('branch')).toBe(true);
    expect(isApplicationKind('exit')).toBe(true);
    expect(isApplicationKind(3)).toBe(false);
  });
});
