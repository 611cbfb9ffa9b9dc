import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Route, Routes, useNavigate } from 'react-router';
import { RequireArea } from '../../app/RequireArea';
import { UserMenu } from '../../app/UserMenu';
import { NotFoundPage } from '../../app/NotFoundPage';
import { t } from '../../i18n/translate';
import { AppFrame } from '../../ui/AppFrame';
import { BrandMark } from '../../ui/BrandMark';
import { ColorSchemeToggle } from '../../ui/ColorSchemeToggle';
import { useLiveEvents } from '../tickets/use-live-events';
import { MyTicketsPage } from './MyTicketsPage';
import { NewTicketPage } from './NewTicketPage';
import { PortalTicketPage } from './PortalTicketPage';

function PortalFrame() {
  const navigate = useNavigate();
  useLiveEvents();
  return (
    <AppFrame
      brand={
        <a href="/portal" style={{ color: 'inherit', textDecoration: 'none' }} onClick={(e) => { e.preventDefault(); void navigate('/portal'); }}>
          <BrandMark name={t('app.name')} subtitle={t('portal.title')} />
        </a>
      }
      headerRight={
        <>
          <Button size="xs" leftSection={<IconPlus size={14} />} visibleFrom="xs" onClick={() => void navigate('/portal/new')}>
            {t('portal.newTicket')}
          </Button>
          <ColorSchemeToggle label={t('app.colorScheme')} />
          <UserMenu />
        </>
      }
      navigationLabel={t('app.navigation')}
      openNavigationLabel={t('app.openNavigation')}
      skipLabel={t('app.skipToContent')}
      maxWidth={860}
    >
      <Routes>
        <Route index element={<MyTicketsPage />} />
        <Route path="new" element={<NewTicketPage />} />
        <Route path="tickets/:id" element={<PortalTicketPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppFrame>
  );
}

export function PortalArea() {
  return (
    <RequireArea area="portal">
      <PortalFrame />
    </RequireArea>
  );
}
