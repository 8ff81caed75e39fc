import { Empty } from 'antd';

/** Placeholder: the 积分 tab of the volunteer detail page (replaced by the module that owns it). */
export function VolunteerPointsTab({ volunteerId }: { volunteerId: string }) {
  return <Empty description="积分（建设中）" data-volunteer={volunteerId} />;
}
