import { RequirePermission } from '../components/RequirePermission';
import CategoriesPage from '../features/system/CategoriesPage';

export default function Route() {
  return (
    <RequirePermission any={['categories.manage', 'targets.manage']}>
      <CategoriesPage />
    </RequirePermission>
  );
}
