import { RequirePermission } from '../components/RequirePermission';
import AnnualReportDetailPage from '../features/supervision/AnnualReportDetailPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <AnnualReportDetailPage />
    </RequirePermission>
  );
}
