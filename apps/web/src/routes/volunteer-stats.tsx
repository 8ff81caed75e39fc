import { RequirePermission } from '../components/RequirePermission';
import VolunteerStatsPage from '../features/volunteerStats/VolunteerStatsPage';

export default function Route() {
  return (
    <RequirePermission any={['dashboard.read']}>
      <VolunteerStatsPage />
    </RequirePermission>
  );
}
