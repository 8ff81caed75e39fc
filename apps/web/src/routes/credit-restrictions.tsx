import { RequirePermission } from '../components/RequirePermission';
import RestrictionsPage from '../features/credit/RestrictionsPage';

export default function Route() {
  return (
    <RequirePermission any={['credit.manage']}>
      <RestrictionsPage />
    </RequirePermission>
  );
}
