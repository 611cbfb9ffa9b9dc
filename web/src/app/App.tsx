import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, type ReactNode } from 'react';
import { onUnauthorized } from '../api/client';
import { queryClient } from './query-client';
import { AppRoutes } from './router';
import { NotificationsHost } from '../ui/NotificationsHost';
import { themeWithAccent } from './theme';
import { useDeskBrand } from './use-desk-brand';
import { sessionKey } from './use-session';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'linchpin-color-scheme' });

export function App() {
  // A session that ended on the server (timeout, signed out elsewhere) sends the person back to sign in.
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(sessionKey, null)), []);
  return (
    <QueryClientProvider client={queryClient}>
      <BrandedTheme>
        <NotificationsHost />
        <AppRoutes />
      </BrandedTheme>
    </QueryClientProvider>
  );
}

/** The desk's accent colour as the primary colour, and its name as the browser tab's title. */
function BrandedTheme({ children }: { children: ReactNode }) {
  const { accentColor, deskName } = useDeskBrand();
  const theme = useMemo(() => themeWithAccent(accentColor), [accentColor]);
  useEffect(() => {
    document.title = deskName;
  }, [deskName]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      {children}
    </MantineProvider>
  );
}
