import { RequirePermission } from '../components/RequirePermission';
import RecordsPage from '../features/service/RecordsPage';

export default function Route() {
  return (
    <RequirePermission any={['volunteer.read']}>
      <RecordsPage />
    </RequirePermission>
  );
}
