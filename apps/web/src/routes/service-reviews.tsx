import { RequirePermission } from '../components/RequirePermission';
import ReviewsPage from '../features/service/ReviewsPage';

export default function Route() {
  return (
    <RequirePermission any={['service.approve', 'activity.manage']}>
      <ReviewsPage />
    </RequirePermission>
  );
}
