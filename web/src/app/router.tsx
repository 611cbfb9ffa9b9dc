import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { MagicLinkPage } from '../features/auth/MagicLinkPage';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage';
import { FullPageLoader } from '../ui/FullPageLoader';
import { ErrorBoundary } from './ErrorBoundary';
import { HomeRedirect } from './HomeRedirect';
import { NotFoundPage } from './NotFoundPage';

// Each area is its own chunk loaded on first visit, so a requester on a phone never downloads the desk.
// Declarative routes (not the data router) keep the router's share of the first download small.
const PortalArea = lazy(async () => ({ default: (await import('../features/portal/portal-area')).PortalArea }));
const DeskArea = lazy(async () => ({ default: (await import('../features/desk/desk-area')).DeskArea }));
const AdminArea = lazy(async () => ({ default: (await import('../features/admin/admin-area')).AdminArea }));

export function AppRoutes() {
  return (
    <BrowserRouter>
      <ErrorBoundary>
        <Suspense fallback={<FullPageLoader />}>
          <Routes>
            <Route path="/" element={<HomeRedirect />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/login/magic" element={<MagicLinkPage />} />
            <Route path="/login/magic/:token" element={<MagicLinkPage />} />
            <Route path="/sign-in/link" element={<MagicLinkPage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            <Route path="/portal/*" element={<PortalArea />} />
            <Route path="/desk/*" element={<DeskArea />} />
            <Route path="/admin/*" element={<AdminArea />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </BrowserRouter>
  );
}
