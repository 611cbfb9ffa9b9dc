// The area's words first, so that anything below may translate as it loads.
import '../../i18n/en-tickets';
import '../../i18n/en-admin';
import '../../i18n/en-mail';
import '../../i18n/en-mail-templates';
import '../../i18n/en-sla';
import { Redirect, Route, Switch } from 'wouter';
import { RequireArea } from '../../app/RequireArea';
import { NotFoundPage } from '../../app/NotFoundPage';
import { AdminFrame } from './AdminFrame';
import { useCurrentUser } from '../../app/use-session';
import { adminSectionsFor } from './admin-sections';

export function AdminArea() {
  return (
    <RequireArea area="admin">
      <AdminFrame>
        <AdminRoutes />
      </AdminFrame>
    </RequireArea>
  );
}

/** Only the screens the person's role may change; /admin opens the first of them. */
function AdminRoutes() {
  const sections = adminSectionsFor(useCurrentUser());
  const first = sections.find((section) => section.path === 'users') ?? sections[0];
  return (
    <Switch>
      <Route path="/admin">
        <Redirect to={`/admin/${first?.path ?? 'users'}`} replace />
      </Route>
      {sections.map((section) => (
        <Route key={section.path} path={`/admin/${section.path}`} component={section.Component} />
      ))}
      <Route component={NotFoundPage} />
    </Switch>
  );
}
