import { RequirePermission } from '../components/RequirePermission';
import OrgListPage from '../features/organizations/OrgListPage';

export default function Route() {
  return (
    <RequirePermission any={['org.read']}>
      <OrgListPage />
    </RequirePermission>
  );
}
