import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSession, type SessionUser } from '../api/session';

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** The signed-in person; only used below a guard that has already made sure there is one. */
export function useCurrentUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser needs a signed-in session');
  return data;
}

export function useSetSession() {
  const client = useQueryClient();
  return (user: SessionUser | null) => {
    if (user === null) client.clear();
    client.setQueryData(sessionKey, user);
  };
}
