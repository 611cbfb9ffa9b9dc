// The area's words first, so that anything below may translate as it loads.
import '../../i18n/en-tickets';
import '../../i18n/en-portal';
import { Button } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { IconPlus } from '@tabler/icons-react';
import { Route, Switch } from 'wouter';
import { DeskBrandMark } from '../../app/DeskBrandMark';
import { useNavigate } from '../../app/navigation';
import { RequireArea } from '../../app/RequireArea';
import { UserMenu } from '../../app/UserMenu';
import { NotFoundPage } from '../../app/NotFoundPage';
import { t } from '../../i18n/translate';
import { TopBarFrame } from '../../ui/TopBarFrame';
import { FullPageLoader } from '../../ui/FullPageLoader';
import { ColorSchemeToggle } from '../../ui/ColorSchemeToggle';
import { useLiveEvents } from '../tickets/use-live-events';
import { MyTicketsPage } from './MyTicketsPage';

// The list is the portal's first screen; asking and following one request are pages of their own,
// fetched when someone opens them.
const NewTicketPage = lazy(async () => ({ default: (await import('./NewTicketPage')).NewTicketPage }));
const PortalTicketPage = lazy(async () => ({ default: (await import('./PortalTicketPage')).PortalTicketPage }));
const ProfilePage = lazy(async () => ({ default: (await import('./ProfilePage')).ProfilePage }));

function PortalFrame() {
  const navigate = useNavigate();
  useLiveEvents();
  return (
    <TopBarFrame
      brand={
        <a
          href="/portal"
          style={{ color: 'inherit', textDecoration: 'none' }}
          onClick={(e) => {
            e.preventDefault();
            navigate('/portal');
          }}
        >
          <DeskBrandMark subtitle={t('portal.title')} />
        </a>
      }
      headerRight={
        <>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            visibleFrom="xs"
            onClick={() => navigate('/portal/new')}
          >
            {t('portal.newTicket')}
          </Button>
          <ColorSchemeToggle label={t('app.colorScheme')} />
          <UserMenu />
        </>
      }
      skipLabel={t('app.skipToContent')}
      maxWidth={860}
    >
      <Suspense fallback={<FullPageLoader />}>
        <Switch>
          <Route path="/portal" component={MyTicketsPage} />
          <Route path="/portal/new" component={NewTicketPage} />
          <Route path="/portal/tickets/:id" component={PortalTicketPage} />
          <Route path="/portal/profile" component={ProfilePage} />
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </TopBarFrame>
  );
}

export function PortalArea() {
  return (
    <RequireArea area="portal">
      <PortalFrame />
    </RequireArea>
  );
}
