import { RequirePermission } from '../components/RequirePermission';
import TeamListPage from '../features/volunteers/TeamListPage';

export default function Route() {
  return (
    <RequirePermission any={['team.manage', 'volunteer.read']}>
      <TeamListPage />
    </RequirePermission>
  );
}
