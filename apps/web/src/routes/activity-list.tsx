import { RequirePermission } from '../components/RequirePermission';
import ActivityListPage from '../features/activities/ActivityListPage';

export default function Route() {
  return (
    <RequirePermission any={['activity.manage', 'volunteer.read']}>
      <ActivityListPage />
    </RequirePermission>
  );
}
