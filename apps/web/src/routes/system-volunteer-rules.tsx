import { RequirePermission } from '../components/RequirePermission';
import VolunteerRulesPage from '../features/system/VolunteerRulesPage';

export default function Route() {
  return (
    <RequirePermission any={['targets.manage', 'dashboard.read']}>
      <VolunteerRulesPage />
    </RequirePermission>
  );
}
