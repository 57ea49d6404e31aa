import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { apiClient } from './api';
import type { Role } from './api/types';
import { AuthProvider, useCurrentUser } from './auth/AuthContext';
import { RequireAuth } from './auth/RequireAuth';
import SignInPage from './auth/SignInPage';
import { Loading } from './components/Feedback';
import { lazyPage, preloadPagesAt } from './lib/lazyPage';
import HomePage from './pages/HomePage';
import { Shell } from './shell/Shell';

// Everything but the shell, the home page and the sign-in page loads on demand, so signing in downloads little. The
// sign-in page comes with the shell: it is the first page of every new visitor, who would otherwise wait for its script
// to be asked for after the app's own had arrived and run (about 0.4 s more before it shows, on a phone network).
const AcceptInvitationPage = lazyPage(() => import('./auth/AcceptInvitationPage'));
const DirectoryPage = lazyPage(() => import('./pages/DirectoryPage'));
const InvitationsPage = lazyPage(() => import('./invitations/InvitationsPage'));
const AdminLayout = lazyPage(() => import('./admin/AdminLayout'));
const OrganizationsAdminPage = lazyPage(() => import('./admin/OrganizationsAdminPage'));
const UsersAdminPage = lazyPage(() => import('./admin/UsersAdminPage'));
const ParksAdminPage = lazyPage(() => import('./admin/ParksAdminPage'));
const ActivityAdminPage = lazyPage(() => import('./admin/ActivityAdminPage'));
const OutboxAdminPage = lazyPage(() => import('./admin/OutboxAdminPage'));
const ApproversAdminPage = lazyPage(() => import('./admin/ApproversAdminPage'));
const MailSettingsPage = lazyPage(() => import('./pages/MailSettingsPage'));
const ProfilePage = lazyPage(() => import('./pages/ProfilePage'));
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage'));
const RoundtablesListPage = lazyPage(() => import('./roundtables/RoundtablesListPage'));
const RoundtablePage = lazyPage(() => import('./roundtables/RoundtablePage'));
const RoundtableFormPage = lazyPage(() => import('./roundtables/RoundtableFormPage'));
const WorkingGroupsListPage = lazyPage(() => import('./working-groups/WorkingGroupsListPage'));
const WorkingGroupPage = lazyPage(() => import('./working-groups/WorkingGroupPage'));
const WorkingGroupFormPage = lazyPage(() => import('./working-groups/WorkingGroupFormPage'));
const RoadmapsListPage = lazyPage(() => import('./roadmaps/RoadmapsListPage'));
const RoadmapLayout = lazyPage(() => import('./roadmaps/RoadmapLayout'));
const RoadmapBoardPage = lazyPage(() => import('./roadmaps/RoadmapBoardPage'));
const RoadmapTablePage = lazyPage(() => import('./roadmaps/RoadmapTablePage'));
const RoadmapDashboardPage = lazyPage(() => import('./roadmaps/RoadmapDashboardPage'));
const ActionItemPage = lazyPage(() => import('./roadmaps/ActionItemPage'));
const ActionItemFormPage = lazyPage(() => import('./roadmaps/ActionItemFormPage'));
const LobbyPage = lazyPage(() => import('./discussion/LobbyPage'));
const ConversationPage = lazyPage(() => import('./discussion/ConversationPage'));
const IndicatorsLayout = lazyPage(() => import('./indicators/IndicatorsLayout'));
const CataloguePage = lazyPage(() => import('./indicators/CataloguePage'));
const IndicatorFormPage = lazyPage(() => import('./indicators/IndicatorFormPage'));
const IndicatorPage = lazyPage(() => import('./indicators/IndicatorPage'));
const ParksOverviewPage = lazyPage(() => import('./indicators/ParksOverviewPage'));
const ParkPage = lazyPage(() => import('./indicators/ParkPage'));
const ReportObservationPage = lazyPage(() => import('./indicators/ReportObservationPage'));
const ObservationPage = lazyPage(() => import('./indicators/ObservationPage'));
const ImportPage = lazyPage(() => import('./indicators/ImportPage'));
const VerificationPage = lazyPage(() => import('./indicators/VerificationPage'));
const FollowUpPage = lazyPage(() => import('./indicators/FollowUpPage'));
const CompletenessPage = lazyPage(() => import('./indicators/CompletenessPage'));
const SearchPage = lazyPage(() => import('./search/SearchPage'));
const ConsultationReportPage = lazyPage(() => import('./reports/ConsultationReportPage'));
const TranslationQueuePage = lazyPage(() => import('./translations/TranslationQueuePage'));
const PublicRoadmapsPage = lazyPage(() => import('./portal/PublicRoadmapsPage'));
const PublicRoadmapPage = lazyPage(() => import('./portal/PublicRoadmapPage'));

const STAFF = ['admin', 'facilitator'] as const;
const REPORTERS = ['admin', 'facilitator', 'member'] as const;
const ADMINS = ['admin'] as const;

/** A page that only these roles may open (the others are told so). */
const only = (roles: readonly Role[], page: ReactNode) => <RequireAuth roles={roles}>{page}</RequireAuth>;

/** The admin area opens on its first section; a facilitator (who reads only the approvers there) on that one. */
function AdminHome() {
  const user = useCurrentUser();
  return <Navigate to={user.role === 'admin' ? 'organizations' : 'approvers'} replace />;
}

/** Every address of the app and what it shows. */
const ROUTES = (
  <>
    <Route path="/signin" element={<SignInPage />} />
    <Route path="/invitations/:token" element={<AcceptInvitationPage />} />
    <Route path="/public" element={<PublicRoadmapsPage />} />
    <Route path="/public/roadmaps/:id" element={<PublicRoadmapPage />} />
    <Route
      element={
        <RequireAuth>
          <Shell />
        </RequireAuth>
      }
    >
      <Route index element={<HomePage />} />
      <Route path="roundtables" element={<RoundtablesListPage />} />
      <Route path="roundtables/new" element={only(STAFF, <RoundtableFormPage />)} />
      <Route path="roundtables/:id" element={<RoundtablePage />} />
      <Route path="roundtables/:id/edit" element={<RoundtableFormPage />} />
      <Route path="working-groups" element={<WorkingGroupsListPage />} />
      <Route path="working-groups/new" element={only(STAFF, <WorkingGroupFormPage />)} />
      <Route path="working-groups/:id" element={<WorkingGroupPage />} />
      <Route path="working-groups/:id/edit" element={only(STAFF, <WorkingGroupFormPage />)} />
      <Route path="roadmaps" element={<RoadmapsListPage />} />
      <Route path="roadmaps/:id" element={<RoadmapLayout />}>
        <Route index element={<RoadmapBoardPage />} />
        <Route path="table" element={<RoadmapTablePage />} />
        <Route path="dashboard" element={<RoadmapDashboardPage />} />
      </Route>
      <Route path="roadmaps/:roadmapId/items/new" element={only(STAFF, <ActionItemFormPage />)} />
      <Route path="action-items/:id" element={<ActionItemPage />} />
      <Route path="action-items/:id/edit" element={only(STAFF, <ActionItemFormPage />)} />
      <Route path="indicators" element={<IndicatorsLayout />}>
        <Route index element={<CataloguePage />} />
        <Route path="parks" element={<ParksOverviewPage />} />
        <Route path="report" element={only(REPORTERS, <ReportObservationPage />)} />
        <Route path="import" element={only(REPORTERS, <ImportPage />)} />
        <Route path="verification" element={only(STAFF, <VerificationPage />)} />
        <Route path="follow-up" element={only(STAFF, <FollowUpPage />)} />
      </Route>
      <Route path="indicators/new" element={only(ADMINS, <IndicatorFormPage />)} />
      <Route path="indicators/:ref/edit" element={only(ADMINS, <IndicatorFormPage />)} />
      <Route path="indicators/:ref/completeness" element={<CompletenessPage />} />
      <Route path="indicators/:ref" element={<IndicatorPage />} />
      <Route path="parks/:id" element={<ParkPage />} />
      <Route path="observations/:id" element={<ObservationPage />} />
      <Route path="discussions" element={<LobbyPage />} />
      <Route path="conversations/:id" element={<ConversationPage />} />
      <Route path="directory" element={<DirectoryPage />} />
      <Route path="search" element={<SearchPage />} />
      <Route path="translations" element={<TranslationQueuePage />} />
      <Route path="invitations" element={only(STAFF, <InvitationsPage />)} />
      <Route path="reports/consultations" element={only(STAFF, <ConsultationReportPage />)} />
      {/* Facilitators read who approves park periods; every other section is for admins. */}
      <Route path="admin" element={only(STAFF, <AdminLayout />)}>
        <Route index element={<AdminHome />} />
        <Route path="organizations" element={only(ADMINS, <OrganizationsAdminPage />)} />
        <Route path="users" element={only(ADMINS, <UsersAdminPage />)} />
        <Route path="parks" element={only(ADMINS, <ParksAdminPage />)} />
        <Route path="approvers" element={<ApproversAdminPage />} />
        <Route path="activity" element={only(ADMINS, <ActivityAdminPage />)} />
        <Route path="outbox" element={only(ADMINS, <OutboxAdminPage />)} />
      </Route>
      <Route path="settings/mail" element={<MailSettingsPage />} />
      <Route path="settings/profile" element={<ProfilePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  </>
);

/**
 * Starts loading the pages of the address the app opens on, beside the check of the session rather than after it:
 * a reader opening a link to a roundtable does not wait for the sign-in check, then for the page's script. Once the
 * check says signed in, those pages send their first requests (their `opening`) while the frame renders.
 */
export const preloadOpeningPage = (pathname: string) =>
  preloadPagesAt(
    ROUTES,
    pathname,
    apiClient.signedIn().catch(() => false),
  );

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Suspense fallback={<Loading />}>
          <Routes>{ROUTES}</Routes>
        </Suspense>
      </AuthProvider>
    </BrowserRouter>
  );
}
