import { Empty } from 'antd';

/** Placeholder: the 服务记录 tab of the volunteer detail page (replaced by the module that owns it). */
export function VolunteerRecordsTab({ volunteerId }: { volunteerId: string }) {
  return <Empty description="服务记录（建设中）" data-volunteer={volunteerId} />;
}
