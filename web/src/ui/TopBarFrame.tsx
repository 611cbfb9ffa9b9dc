import { Group } from '@mantine/core';
import type { ReactNode } from 'react';

interface TopBarFrameProps {
  brand: ReactNode;
  headerRight?: ReactNode;
  skipLabel: string;
  maxWidth?: number;
  children: ReactNode;
}

/**
 * The frame of an area without a sidebar (the portal): a sticky header, a skip link and a main landmark.
 * Plain elements instead of AppShell, whose sidebar machinery such an area would only download.
 */
export function TopBarFrame({ brand, headerRight, skipLabel, maxWidth, children }: TopBarFrameProps) {
  return (
    <>
      <a className="skip-link" href="#main">
        {skipLabel}
      </a>
      <header className="top-bar">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          {brand}
          <Group gap={4} wrap="nowrap">
            {headerRight}
          </Group>
        </Group>
      </header>
      <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth, margin: maxWidth ? '0 auto' : undefined }}>{children}</div>
      </main>
    </>
  );
}
