import { RequirePermission } from '../components/RequirePermission';
import VolunteerImportPage from '../features/volunteers/VolunteerImportPage';

export default function Route() {
  return (
    <RequirePermission any={['volunteer.manage']}>
      <VolunteerImportPage />
    </RequirePermission>
  );
}
