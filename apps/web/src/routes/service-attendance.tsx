import { RequirePermission } from '../components/RequirePermission';
import AttendancePage from '../features/service/AttendancePage';

export default function Route() {
  return (
    <RequirePermission any={['volunteer.read']}>
      <AttendancePage />
    </RequirePermission>
  );
}
