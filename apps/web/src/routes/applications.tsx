import { APPLICATION_PERMISSIONS } from '../app/menu';
import { RequirePermission } from '../components/RequirePermission';
import AppListPage from '../features/applications/AppListPage';

export default function Route() {
  return (
    <RequirePermission any={APPLICATION_PERMISSIONS}>
      <AppListPage />
    </RequirePermission>
  );
}
