import { ComingSoon } from './MobileLayout';

export function ActivitiesPage() {
  return <ComingSoon title="活动" />;
}

export function MePage() {
  return <ComingSoon title="我的" />;
}
