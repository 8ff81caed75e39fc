import { RequirePermission } from '../components/RequirePermission';
import NewFilingPage from '../features/applications/NewFilingPage';

export default function Route() {
  return (
    <RequirePermission any={['filing.apply']}>
      <NewFilingPage />
    </RequirePermission>
  );
}
