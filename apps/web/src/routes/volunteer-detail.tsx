import { RequirePermission } from '../components/RequirePermission';
import VolunteerDetailPage from '../features/volunteers/VolunteerDetailPage';

export default function Route() {
  return (
    <RequirePermission any={['volunteer.read']}>
      <VolunteerDetailPage />
    </RequirePermission>
  );
}
