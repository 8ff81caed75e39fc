import { RequirePermission } from '../components/RequirePermission';
import DormantListPage from '../features/dormant/DormantListPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <DormantListPage />
    </RequirePermission>
  );
}
