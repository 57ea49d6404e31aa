import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
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
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/signin" element={<SignInPage />} />
            <Route path="/invitations/:token" element={<AcceptInvitationPage />} />
            <Route
              element={
                <RequireAuth>
                  <Shell />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              <Route path="directory" element={<DirectoryPage />} />
              <Route
                path="invitations"
                element={
                  <RequireAuth roles={['admin', 'facilitator']}>
                    <InvitationsPage />
                  </RequireAuth>
                }
              />
              <Route
                path="admin"
                element={
                  <RequireAuth roles={['admin']}>
                    <AdminLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<Navigate to="organizations" replace />} />
                <Route path="organizations" element={<OrganizationsAdminPage />} />
                <Route path="users" element={<UsersAdminPage />} />
                <Route path="parks" element={<ParksAdminPage />} />
                <Route path="activity" element={<ActivityAdminPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </AuthProvider>
    </BrowserRouter>
  );
}
