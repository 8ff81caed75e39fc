import { RequirePermission } from '../components/RequirePermission';
import TeamDetailPage from '../features/volunteers/TeamDetailPage';

export default function Route() {
  return (
    <RequirePermission any={['team.manage', 'volunteer.read']}>
      <TeamDetailPage />
    </RequirePermission>
  );
}
