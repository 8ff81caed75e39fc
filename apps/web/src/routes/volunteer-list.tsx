import { RequirePermission } from '../components/RequirePermission';
import VolunteerListPage from '../features/volunteers/VolunteerListPage';

export default function Route() {
  return (
    <RequirePermission any={['volunteer.read']}>
      <VolunteerListPage />
    </RequirePermission>
  );
}
