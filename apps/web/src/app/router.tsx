import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import NotFound from '../components/NotFound';
import { RequireAuth } from './RequireAuth';

const ConsoleLayout = lazy(() => import('./ConsoleLayout').then((m) => ({ default: m.ConsoleLayout })));
const Login = lazy(() => import('../routes/login'));
const Workbench = lazy(() => import('../routes/workbench'));
const OrgList = lazy(() => import('../routes/organizations'));
const OrgImport = lazy(() => import('../routes/organizations-import'));
const OrgDetail = lazy(() => import('../routes/organization-detail'));
const AppList = lazy(() => import('../routes/applications'));
const AppNew = lazy(() => import('../routes/application-new'));
const AppDetail = lazy(() => import('../routes/application-detail'));
const Dashboard = lazy(() => import('../routes/dashboard'));
const Users = lazy(() => import('../routes/system-users'));
const Categories = lazy(() => import('../routes/system-categories'));
const VolunteerRules = lazy(() => import('../routes/system-volunteer-rules'));
const Audit = lazy(() => import('../routes/system-audit'));
const VolunteerList = lazy(() => import('../routes/volunteer-list'));
const VolunteerImport = lazy(() => import('../routes/volunteer-import'));
const VolunteerDetail = lazy(() => import('../routes/volunteer-detail'));
const TeamList = lazy(() => import('../routes/team-list'));
const TeamDetail = lazy(() => import('../routes/team-detail'));
const ActivityList = lazy(() => import('../routes/activity-list'));
const CreditRestrictions = lazy(() => import('../routes/credit-restrictions'));
const CreditAppeals = lazy(() => import('../routes/credit-appeals'));
const CreditTrainingImport = lazy(() => import('../routes/credit-training-import'));
const ActivityDetail = lazy(() => import('../routes/activity-detail'));
const PublicLayout = lazy(() => import('../routes/public-layout'));
const PublicDirectory = lazy(() => import('../routes/public-directory'));
const PublicOrg = lazy(() => import('../routes/public-organization'));
const PublicVerify = lazy(() => import('../routes/public-verify'));
const PublicServiceCert = lazy(() => import('../routes/public-service-cert'));
const VolunteerStats = lazy(() => import('../routes/volunteer-stats'));
const MobileLayout = lazy(() => import('../features/resident/MobileLayout'));
const MobileHome = lazy(() => import('../features/resident/HomePage'));
const MobileRegister = lazy(() => import('../features/resident/RegisterPage'));
const mAuth = () => import('../features/resident/AuthPages');
const mActs = () => import('../features/resident/ActivityPages');
const mMe = () => import('../features/resident/MePages');
const MobileLogin = lazy(() => mAuth().then((m) => ({ default: m.LoginPage })));
const MobileActivate = lazy(() => mAuth().then((m) => ({ default: m.ActivatePage })));
const MobileActivities = lazy(() => mActs().then((m) => ({ default: m.ActivitiesPage })));
const MobileActivity = lazy(() => mActs().then((m) => ({ default: m.ActivityDetailPage })));
const MobileCheckin = lazy(() => import('../features/resident/CheckinPage'));
const MobileMe = lazy(() => mMe().then((m) => ({ default: m.MePage })));
const MobileRecords = lazy(() => mMe().then((m) => ({ default: m.RecordsPage })));
const MobileRecord = lazy(() => mMe().then((m) => ({ default: m.RecordDetailPage })));
const MobilePoints = lazy(() => mMe().then((m) => ({ default: m.PointsPage })));
const MobileExchange = lazy(() => mMe().then((m) => ({ default: m.ExchangePage })));
const MobileCredit = lazy(() => mMe().then((m) => ({ default: m.CreditPage })));
const MobileCertificates = lazy(() => mMe().then((m) => ({ default: m.CertificatesPage })));
const ServiceCheckin = lazy(() => import('../routes/service-checkin'));
const ServiceAttendance = lazy(() => import('../routes/service-attendance'));
const ServiceRecords = lazy(() => import('../routes/service-records'));
const ServiceReviews = lazy(() => import('../routes/service-reviews'));
const ExchangeItems = lazy(() => import('../routes/exchange-items'));
const ExchangeRedemptions = lazy(() => import('../routes/exchange-redemptions'));
const AnnualReports = lazy(() => import('../routes/annual-reports'));
const AnnualReportDetail = lazy(() => import('../routes/annual-report-detail'));
const CreditLists = lazy(() => import('../routes/credit-lists'));
const SpotChecks = lazy(() => import('../routes/spot-checks'));
const SpotCheckDetail = lazy(() => import('../routes/spot-check-detail'));
const DormantCases = lazy(() => import('../routes/dormant-cases'));
const EvaluationRounds = lazy(() => import('../routes/evaluation-rounds'));
const EvaluationRoundDetail = lazy(() => import('../routes/evaluation-round-detail'));
const EvaluationTarget = lazy(() => import('../routes/evaluation-target'));

const fallback = (
  <div style={{ display: 'flex', justifyContent: 'center', padding: '120px 0' }}>
    <Spin size="large" />
  </div>
);

function Lazy() {
  return (
    <Suspense fallback={fallback}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    element: <Lazy />,
    children: [
      { path: '/login', element: <Login /> },
      {
        path: '/public',
        element: <PublicLayout />,
        children: [
          { index: true, element: <PublicDirectory /> },
          { path: 'organizations/:id', element: <PublicOrg /> },
          { path: 'verify', element: <PublicVerify /> },
          { path: 'verify/:number', element: <PublicVerify /> },
          { path: 'service-cert', element: <PublicServiceCert /> },
          { path: 'service-cert/:number', element: <PublicServiceCert /> },
        ],
      },
      {
        path: '/m',
        element: <MobileLayout />,
        children: [
          { index: true, element: <MobileHome /> },
          { path: 'register', element: <MobileRegister /> },
          { path: 'login', element: <MobileLogin /> },
          { path: 'activate', element: <MobileActivate /> },
          { path: 'activities', element: <MobileActivities /> },
          { path: 'activities/:id', element: <MobileActivity /> },
          { path: 'checkin', element: <MobileCheckin /> },
          { path: 'me', element: <MobileMe /> },
          { path: 'me/records', element: <MobileRecords /> },
          { path: 'me/records/:id', element: <MobileRecord /> },
          { path: 'me/points', element: <MobilePoints /> },
          { path: 'me/exchange', element: <MobileExchange /> },
          { path: 'me/credit', element: <MobileCredit /> },
          { path: 'me/certificates', element: <MobileCertificates /> },
          { path: '*', element: <NotFound /> },
        ],
      },
      {
        // the organizer's full-screen check-in display (no console chrome)
        path: '/activities/:id/checkin',
        element: (
          <RequireAuth>
            <ServiceCheckin />
          </RequireAuth>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <ConsoleLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <Workbench /> },
          { path: 'organizations', element: <OrgList /> },
          { path: 'organizations/import', element: <OrgImport /> },
          { path: 'organizations/:id', element: <OrgDetail /> },
          { path: 'applications', element: <AppList /> },
          { path: 'applications/new', element: <AppNew /> },
          { path: 'applications/:id', element: <AppDetail /> },
          { path: 'dashboard', element: <Dashboard /> },
          { path: 'volunteer-stats', element: <VolunteerStats /> },
          { path: 'system/users', element: <Users /> },
          { path: 'system/categories', element: <Categories /> },
          { path: 'system/volunteer-rules', element: <VolunteerRules /> },
          { path: 'system/audit', element: <Audit /> },
          { path: 'volunteers', element: <VolunteerList /> },
          { path: 'volunteers/import', element: <VolunteerImport /> },
          { path: 'volunteers/:id', element: <VolunteerDetail /> },
          { path: 'teams', element: <TeamList /> },
          { path: 'teams/:id', element: <TeamDetail /> },
          { path: 'activities/:id/attendance', element: <ServiceAttendance /> },
          { path: 'service/records', element: <ServiceRecords /> },
          { path: 'service/reviews', element: <ServiceReviews /> },
          { path: 'exchange/items', element: <ExchangeItems /> },
          { path: 'exchange/redemptions', element: <ExchangeRedemptions /> },
          { path: 'credit/restrictions', element: <CreditRestrictions /> },
          { path: 'credit/appeals', element: <CreditAppeals /> },
          { path: 'credit/trainings/import', element: <CreditTrainingImport /> },
          { path: 'annual-reports', element: <AnnualReports /> },
          { path: 'annual-reports/:orgId/:year', element: <AnnualReportDetail /> },
          { path: 'credit-lists', element: <CreditLists /> },
          { path: 'spot-checks', element: <SpotChecks /> },
          { path: 'spot-checks/:id', element: <SpotCheckDetail /> },
          { path: 'dormant-cases', element: <DormantCases /> },
          { path: 'evaluations', element: <EvaluationRounds /> },
          { path: 'evaluations/:id', element: <EvaluationRoundDetail /> },
          { path: 'evaluations/:id/targets/:orgId', element: <EvaluationTarget /> },
          { path: 'activities', element: <ActivityList /> },
          { path: 'activities/:id', element: <ActivityDetail /> },
          { path: '*', element: <NotFound /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
