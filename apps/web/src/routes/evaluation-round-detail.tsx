import { RequirePermission } from '../components/RequirePermission';
import EvaluationRoundPage from '../features/evaluations/EvaluationRoundPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <EvaluationRoundPage />
    </RequirePermission>
  );
}
