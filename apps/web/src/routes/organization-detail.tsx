import { RequirePermission } from '../components/RequirePermission';
import OrgDetailPage from '../features/organizations/OrgDetailPage';

export default function Route() {
  return (
    <RequirePermission any={['org.read']}>
      <OrgDetailPage />
    </RequirePermission>
  );
}
