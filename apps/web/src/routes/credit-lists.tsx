import { RequirePermission } from '../components/RequirePermission';
import CreditListPage from '../features/supervision/CreditListPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <CreditListPage />
    </RequirePermission>
  );
}
