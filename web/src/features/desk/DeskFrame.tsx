import { ActionIcon, Button, Kbd, Text, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconKeyboard, IconSearch } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'wouter';
import { DeskBrandMark } from '../../app/DeskBrandMark';
import { UserMenu } from '../../app/UserMenu';
import { t } from '../../i18n/translate';
import { AppFrame } from '../../ui/AppFrame';
import { ColorSchemeToggle } from '../../ui/ColorSchemeToggle';
import { useLiveEvents } from '../tickets/use-live-events';
import { DeskCommandsContext } from './desk-commands';
import { LogCallModal } from './log-call/LogCallModal';
import { SearchModal } from './SearchModal';
import { ShortcutsModal } from './ShortcutsModal';
import { ViewsSidebar } from './ViewsSidebar';

export function DeskFrame({ children }: { children: ReactNode }) {
  const [searchOpen, search] = useDisclosure(false);
  const [shortcutsOpen, shortcuts] = useDisclosure(false);
  const [callOpen, call] = useDisclosure(false);
  useLiveEvents();
  const anyOpen = searchOpen || shortcutsOpen || callOpen;
  // Letters only act when no field has focus (Mantine ignores inputs) and no dialog is open.
  useHotkeys(
    anyOpen
      ? []
      : [
          ['/', () => search.open()],
          ['shift+?', () => shortcuts.open()],
          ['?', () => shortcuts.open()],
          ['c', () => call.open()],
        ],
  );
  const commands = useMemo(() => ({ openSearch: search.open, openShortcuts: shortcuts.open, openLogCall: call.open }), [search.open, shortcuts.open, call.open]);

  return (
    <DeskCommandsContext.Provider value={commands}>
      <AppFrame
        brand={
          <Link to="/desk" style={{ color: 'inherit', textDecoration: 'none' }}>
            <DeskBrandMark subtitle={t('desk.title')} />
          </Link>
        }
        headerCenter={
          <Button variant="default" onClick={search.open} visibleFrom="sm" justify="space-between" leftSection={<IconSearch size={16} />} rightSection={<Kbd size="xs">/</Kbd>} styles={{ root: { flex: '0 1 420px' }, label: { flex: 1 } }}>
            <Text size="sm" c="dimmed" component="span">
              {t('desk.search')}
            </Text>
          </Button>
        }
        headerRight={
          <>
            <Tooltip label={t('search.open')}>
              <ActionIcon variant="subtle" color="gray" size="lg" hiddenFrom="sm" aria-label={t('search.open')} onClick={search.open}>
                <IconSearch size={18} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('desk.shortcuts')}>
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('desk.shortcuts')} onClick={shortcuts.open} visibleFrom="xs">
                <IconKeyboard size={18} />
              </ActionIcon>
            </Tooltip>
            <ColorSchemeToggle label={t('app.colorScheme')} />
            <UserMenu />
          </>
        }
        navbar={(close) => <ViewsSidebar onNavigate={close} onLogCall={call.open} />}
        navigationLabel={t('app.navigation')}
        openNavigationLabel={t('app.openNavigation')}
        skipLabel={t('app.skipToContent')}
      >
        {children}
      </AppFrame>
      <SearchModal opened={searchOpen} onClose={search.close} />
      <ShortcutsModal opened={shortcutsOpen} onClose={shortcuts.close} />
      <LogCallModal opened={callOpen} onClose={call.close} />
    </DeskCommandsContext.Provider>
  );
}
