import { RequirePermission } from '../components/RequirePermission';
import TrainingImportPage from '../features/credit/TrainingImportPage';

export default function Route() {
  return (
    <RequirePermission any={['volunteer.manage']}>
      <TrainingImportPage />
    </RequirePermission>
  );
}
