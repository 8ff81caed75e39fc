import { RequirePermission } from '../components/RequirePermission';
import AuditPage from '../features/system/AuditPage';

export default function Route() {
  return (
    <RequirePermission any={['audit.read']}>
      <AuditPage />
    </RequirePermission>
  );
}
