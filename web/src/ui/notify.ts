import type { NotificationData } from '@mantine/notifications';

/**
 * Toasts. The notifications package is fetched with the first toast rather than with the first screen:
 * nothing is ever shown before a person has done something.
 */
export const loadNotifications = () => import('@mantine/notifications');

let requested = false;
const listeners = new Set<() => void>();

export function notify(notification: NotificationData): void {
  if (!requested) {
    requested = true;
    for (const listener of listeners) listener();
  }
  void loadNotifications().then(({ notifications }) => notifications.show(notification));
}

/** For the host: whether any toast was asked for yet, and a way to hear when the first one is. */
export const notificationsRequested = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): boolean => requested,
};
