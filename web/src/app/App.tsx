import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onUnauthorized } from '../api/client';
import { queryClient } from './query-client';
import { AppRoutes } from './router';
import { theme } from './theme';
import { sessionKey } from './use-session';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'linchpin-color-scheme' });

export function App() {
  // A session that ended on the server (timeout, signed out elsewhere) sends the person back to sign in.
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(sessionKey, null)), []);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <Notifications position="top-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <AppRoutes />
      </QueryClientProvider>
    </MantineProvider>
  );
}
