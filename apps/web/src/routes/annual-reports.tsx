import { RequirePermission } from '../components/RequirePermission';
import AnnualReportListPage from '../features/supervision/AnnualReportListPage';

export default function Route() {
  return (
    <RequirePermission any={['supervision.read']}>
      <AnnualReportListPage />
    </RequirePermission>
  );
}
