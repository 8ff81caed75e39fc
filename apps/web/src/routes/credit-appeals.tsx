import { RequirePermission } from '../components/RequirePermission';
import AppealsPage from '../features/credit/AppealsPage';

export default function Route() {
  return (
    <RequirePermission any={['credit.manage']}>
      <AppealsPage />
    </RequirePermission>
  );
}
