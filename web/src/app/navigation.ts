import { useCallback } from 'react';
import { useLocation } from 'wouter';

export type Navigate = (to: string, options?: { replace?: boolean }) => void;

/** Moves to an absolute path inside the app; `replace` keeps the back button from returning here. */
export function useNavigate(): Navigate {
  const [, setLocation] = useLocation();
  return useCallback<Navigate>((to, options) => setLocation(to, options), [setLocation]);
}
