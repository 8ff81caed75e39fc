import { RequirePermission } from '../components/RequirePermission';
import RedemptionsPage from '../features/exchange/RedemptionsPage';

export default function Route() {
  return (
    <RequirePermission any={['exchange.manage']}>
      <RedemptionsPage />
    </RequirePermission>
  );
}
