import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onUnauthorized } from '../api/client';
import { queryClient } from './query-client';
import { AppRoutes } from './router';
import { NotificationsHost } from '../ui/NotificationsHost';
import { theme } from './theme';
import { sessionKey } from './use-session';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'linchpin-color-scheme' });

export function App() {
  // A session that ended on the server (timeout, signed out elsewhere) sends the person back to sign in.
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(sessionKey, null)), []);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <NotificationsHost />
      <QueryClientProvider client={queryClient}>
        <AppRoutes />
      </QueryClientProvider>
    </MantineProvider>
  );
}
