import { RequirePermission } from '../components/RequirePermission';
import UsersPage from '../features/system/UsersPage';

export default function Route() {
  return (
    <RequirePermission any={['users.manage']}>
      <UsersPage />
    </RequirePermission>
  );
}
