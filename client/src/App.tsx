import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { Role } from './api/types';
import { AuthProvider, useCurrentUser } from './auth/AuthContext';
import { RequireAuth } from './auth/RequireAuth';
import { Loading } from './components/Feedback';
import HomePage from './pages/HomePage';
import { Shell } from './shell/Shell';

// Everything but the shell and the home page loads on demand, so signing in downloads little.
const SignInPage = lazy(() => import('./auth/SignInPage'));
const AcceptInvitationPage = lazy(() => import('./auth/AcceptInvitationPage'));
const DirectoryPage = lazy(() => import('./pages/DirectoryPage'));
const InvitationsPage = lazy(() => import('./invitations/InvitationsPage'));
const AdminLayout = lazy(() => import('./admin/AdminLayout'));
const OrganizationsAdminPage = lazy(() => import('./admin/OrganizationsAdminPage'));
const UsersAdminPage = lazy(() => import('./admin/UsersAdminPage'));
const ParksAdminPage = lazy(() => import('./admin/ParksAdminPage'));
const ActivityAdminPage = lazy(() => import('./admin/ActivityAdminPage'));
const OutboxAdminPage = lazy(() => import('./admin/OutboxAdminPage'));
const ApproversAdminPage = lazy(() => import('./admin/ApproversAdminPage'));
const MailSettingsPage = lazy(() => import('./pages/MailSettingsPage'));
const ProfilePage = lazy(() => import('./pages/ProfilePage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const RoundtablesListPage = lazy(() => import('./roundtables/RoundtablesListPage'));
const RoundtablePage = lazy(() => import('./roundtables/RoundtablePage'));
const RoundtableFormPage = lazy(() => import('./roundtables/RoundtableFormPage'));
const WorkingGroupsListPage = lazy(() => import('./working-groups/WorkingGroupsListPage'));
const WorkingGroupPage = lazy(() => import('./working-groups/WorkingGroupPage'));
const WorkingGroupFormPage = lazy(() => import('./working-groups/WorkingGroupFormPage'));
const RoadmapsListPage = lazy(() => import('./roadmaps/RoadmapsListPage'));
const RoadmapLayout = lazy(() => import('./roadmaps/RoadmapLayout'));
const RoadmapBoardPage = lazy(() => import('./roadmaps/RoadmapBoardPage'));
const RoadmapTablePage = lazy(() => import('./roadmaps/RoadmapTablePage'));
const RoadmapDashboardPage = lazy(() => import('./roadmaps/RoadmapDashboardPage'));
const ActionItemPage = lazy(() => import('./roadmaps/ActionItemPage'));
const ActionItemFormPage = lazy(() => import('./roadmaps/ActionItemFormPage'));
const LobbyPage = lazy(() => import('./discussion/LobbyPage'));
const ConversationPage = lazy(() => import('./discussion/ConversationPage'));
const IndicatorsLayout = lazy(() => import('./indicators/IndicatorsLayout'));
const CataloguePage = lazy(() => import('./indicators/CataloguePage'));
const IndicatorFormPage = lazy(() => import('./indicators/IndicatorFormPage'));
const IndicatorPage = lazy(() => import('./indicators/IndicatorPage'));
const ParksOverviewPage = lazy(() => import('./indicators/ParksOverviewPage'));
const ParkPage = lazy(() => import('./indicators/ParkPage'));
const ReportObservationPage = lazy(() => import('./indicators/ReportObservationPage'));
const ObservationPage = lazy(() => import('./indicators/ObservationPage'));
const ImportPage = lazy(() => import('./indicators/ImportPage'));
const VerificationPage = lazy(() => import('./indicators/VerificationPage'));
const FollowUpPage = lazy(() => import('./indicators/FollowUpPage'));
const CompletenessPage = lazy(() => import('./indicators/CompletenessPage'));
const SearchPage = lazy(() => import('./search/SearchPage'));
const ConsultationReportPage = lazy(() => import('./reports/ConsultationReportPage'));
const TranslationQueuePage = lazy(() => import('./translations/TranslationQueuePage'));
const PublicRoadmapsPage = lazy(() => import('./portal/PublicRoadmapsPage'));
const PublicRoadmapPage = lazy(() => import('./portal/PublicRoadmapPage'));

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

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Suspense fallback={<Loading />}>
          <Routes>
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
          </Routes>
        </Suspense>
      </AuthProvider>
    </BrowserRouter>
  );
}
