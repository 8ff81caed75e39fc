import { RequirePermission } from '../components/RequirePermission';
import ItemsPage from '../features/exchange/ItemsPage';

export default function Route() {
  return (
    <RequirePermission any={['exchange.manage']}>
      <ItemsPage />
    </RequirePermission>
  );
}
