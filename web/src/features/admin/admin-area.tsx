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
import { adminSections } from './admin-sections';

export function AdminArea() {
  return (
    <RequireArea area="admin">
      <AdminFrame>
        <Switch>
          <Route path="/admin">
            <Redirect to="/admin/users" replace />
          </Route>
          {adminSections.map((section) => (
            <Route key={section.path} path={`/admin/${section.path}`} component={section.Component} />
          ))}
          <Route component={NotFoundPage} />
        </Switch>
      </AdminFrame>
    </RequireArea>
  );
}
