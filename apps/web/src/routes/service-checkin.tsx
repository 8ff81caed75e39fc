import { RequirePermission } from '../components/RequirePermission';
import CheckinScreen from '../features/service/CheckinScreen';

export default function Route() {
  return (
    <RequirePermission any={['activity.manage']}>
      <CheckinScreen />
    </RequirePermission>
  );
}
