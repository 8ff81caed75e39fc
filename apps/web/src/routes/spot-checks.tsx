import { RequirePermission } from '../components/RequirePermission';
import SpotCheckListPage from '../features/spotChecks/SpotCheckListPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <SpotCheckListPage />
    </RequirePermission>
  );
}
