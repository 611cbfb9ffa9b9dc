// The area's words first, so that anything below may translate as it loads.
import '../../i18n/en-tickets';
import '../../i18n/en-desk';
import { Route, Switch } from 'wouter';
import { RequireArea } from '../../app/RequireArea';
import { NotFoundPage } from '../../app/NotFoundPage';
import { DeskFrame } from './DeskFrame';
import { TicketListPage } from './TicketListPage';
import { DeskTicketPage } from './ticket/DeskTicketPage';

export function DeskArea() {
  return (
    <RequireArea area="desk">
      <DeskFrame>
        <Switch>
          <Route path="/desk" component={TicketListPage} />
          <Route path="/desk/views/:viewKey" component={TicketListPage} />
          <Route path="/desk/tickets/:id" component={DeskTicketPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </DeskFrame>
    </RequireArea>
  );
}
