import { NavLink, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { DeskBrandMark } from '../../app/DeskBrandMark';
import { UserMenu } from '../../app/UserMenu';
import { t } from '../../i18n/translate';
import { AppFrame } from '../../ui/AppFrame';
import { ColorSchemeToggle } from '../../ui/ColorSchemeToggle';
import { useCurrentUser } from '../../app/use-session';
import { adminSectionsFor } from './admin-sections';

export function AdminFrame({ children }: { children: ReactNode }) {
  const [pathname] = useLocation();
  const sections = adminSectionsFor(useCurrentUser());
  return (
    <AppFrame
      brand={
        <Link to="/admin" style={{ color: 'inherit', textDecoration: 'none' }}>
          <DeskBrandMark subtitle={t('app.areas.admin')} />
        </Link>
      }
      headerRight={
        <>
          <ColorSchemeToggle label={t('app.colorScheme')} />
          <UserMenu />
        </>
      }
      navbar={(close) => (
        <Stack gap={2}>
          {sections.map((section) => {
            const active = pathname.startsWith(`/admin/${section.path}`);
            return (
              <NavLink
                key={section.path}
                component={Link}
                to={`/admin/${section.path}`}
                label={t(section.labelKey)}
                leftSection={<section.Icon size={18} stroke={1.6} />}
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={close}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            );
          })}
        </Stack>
      )}
      navigationLabel={t('app.navigation')}
      openNavigationLabel={t('app.openNavigation')}
      skipLabel={t('app.skipToContent')}
      maxWidth={1200}
    >
      {children}
    </AppFrame>
  );
}
