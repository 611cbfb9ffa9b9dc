import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { FullPageLoader } from '../ui/FullPageLoader';
import { ErrorBoundary } from './ErrorBoundary';
import { HomeRedirect } from './HomeRedirect';
import { NotFoundPage } from './NotFoundPage';
import { TicketLinkRedirect } from './TicketLinkRedirect';

// Each area is its own chunk loaded on first visit, so a requester on a phone never downloads the desk.
// Signing in is a page of its own too: a signed-in person opening their area never needs its forms.
const LoginPage = lazy(async () => ({ default: (await import('../features/auth/LoginPage')).LoginPage }));
const MagicLinkPage = lazy(async () => ({ default: (await import('../features/auth/MagicLinkPage')).MagicLinkPage }));
const ResetPasswordPage = lazy(async () => ({
  default: (await import('../features/auth/ResetPasswordPage')).ResetPasswordPage,
}));
const PortalArea = lazy(async () => ({ default: (await import('../features/portal/portal-area')).PortalArea }));
const DeskArea = lazy(async () => ({ default: (await import('../features/desk/desk-area')).DeskArea }));
const AdminArea = lazy(async () => ({ default: (await import('../features/admin/admin-area')).AdminArea }));

export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<FullPageLoader />}>
        <Switch>
          <Route path="/" component={HomeRedirect} />
          <Route path="/login" component={LoginPage} />
          <Route path="/login/magic" component={MagicLinkPage} />
          <Route path="/login/magic/:token" component={MagicLinkPage} />
          <Route path="/sign-in/link" component={MagicLinkPage} />
          <Route path="/reset-password" component={ResetPasswordPage} />
          <Route path="/portal/*?" component={PortalArea} />
          <Route path="/desk/*?" component={DeskArea} />
          <Route path="/admin/*?" component={AdminArea} />
          <Route path="/tickets/:id" component={TicketLinkRedirect} />
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </ErrorBoundary>
  );
}
