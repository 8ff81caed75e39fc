import { RequirePermission } from '../components/RequirePermission';
import SpotCheckDetailPage from '../features/spotChecks/SpotCheckDetailPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <SpotCheckDetailPage />
    </RequirePermission>
  );
}
