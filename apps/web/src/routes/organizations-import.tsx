import { RequirePermission } from '../components/RequirePermission';
import OrgImportPage from '../features/organizations/OrgImportPage';

export default function Route() {
  return (
    <RequirePermission any={['import.orgs']}>
      <OrgImportPage />
    </RequirePermission>
  );
}
