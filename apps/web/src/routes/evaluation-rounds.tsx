import { RequirePermission } from '../components/RequirePermission';
import EvaluationListPage from '../features/evaluations/EvaluationListPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <EvaluationListPage />
    </RequirePermission>
  );
}
