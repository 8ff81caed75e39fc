import { RequirePermission } from '../components/RequirePermission';
import DashboardPage from '../features/dashboard/DashboardPage';

export default function Route() {
  return (
    <RequirePermission any={['dashboard.read']}>
      <DashboardPage />
    </RequirePermission>
  );
}
