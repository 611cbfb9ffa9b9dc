import { lazy, Suspense, useSyncExternalStore } from 'react';
import { loadNotifications, notificationsRequested } from './notify';

const Notifications = lazy(async () => ({ default: (await loadNotifications()).Notifications }));

/** Where toasts appear; mounts (and loads its code) with the first `notify`. */
export function NotificationsHost() {
  const requested = useSyncExternalStore(notificationsRequested.subscribe, notificationsRequested.get);
  if (!requested) return null;
  return (
    <Suspense fallback={null}>
      <Notifications position="top-right" limit={4} />
    </Suspense>
  );
}
