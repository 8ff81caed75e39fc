import { Empty } from 'antd';

/** Placeholder: the 信用 tab of the volunteer detail page (replaced by the module that owns it). */
export function VolunteerCreditTab({ volunteerId }: { volunteerId: string }) {
  return <Empty description="信用（建设中）" data-volunteer={volunteerId} />;
}
