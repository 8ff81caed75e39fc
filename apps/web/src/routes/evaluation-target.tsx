import { RequirePermission } from '../components/RequirePermission';
import EvaluationTargetPage from '../features/evaluations/EvaluationTargetPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <EvaluationTargetPage />
    </RequirePermission>
  );
}
