import { RequirePermission } from '../components/RequirePermission';
import ActivityDetailPage from '../features/activities/ActivityDetailPage';

export default function Route() {
  return (
    <RequirePermission any={['activity.manage', 'volunteer.read']}>
      <ActivityDetailPage />
    </RequirePermission>
  );
}
