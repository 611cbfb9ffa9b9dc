import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

interface AppFrameProps {
  brand: ReactNode;
  headerCenter?: ReactNode;
  headerRight?: ReactNode;
  /** Side navigation; collapses behind a burger on narrow screens. */
  navbar?: (close: () => void) => ReactNode;
  navbarWidth?: number;
  navigationLabel: string;
  openNavigationLabel: string;
  skipLabel: string;
  maxWidth?: number;
  children: ReactNode;
}

/** The frame every area shares: a header, an optional sidebar, a skip link and a main landmark. */
export function AppFrame({ brand, headerCenter, headerRight, navbar, navbarWidth = 248, navigationLabel, openNavigationLabel, skipLabel, maxWidth, children }: AppFrameProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={navbar ? { width: navbarWidth, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding={0}
    >
      <a className="skip-link" href="#main">
        {skipLabel}
      </a>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            {navbar && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={openNavigationLabel} />}
            {brand}
          </Group>
          {headerCenter}
          <Group gap={4} wrap="nowrap">
            {headerRight}
          </Group>
        </Group>
      </AppShell.Header>
      {navbar && (
        <AppShell.Navbar p="sm" aria-label={navigationLabel} component="nav">
          {navbar(close)}
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth, margin: maxWidth ? '0 auto' : undefined }}>{children}</div>
      </AppShell.Main>
    </AppShell>
  );
}
