import { APPLICATION_PERMISSIONS } from '../app/menu';
import { RequirePermission } from '../components/RequirePermission';
import AppDetailPage from '../features/applications/AppDetailPage';

export default function Route() {
  return (
    <RequirePermission any={[...APPLICATION_PERMISSIONS, 'org.read']}>
      <AppDetailPage />
    </RequirePermission>
  );
}
