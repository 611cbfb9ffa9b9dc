import { useQuery } from '@tanstack/react-query';
import { defaultDeskBrand, isAccentColor, type AccentColor } from '../../../shared/desk-brand';
import type { DeskSettings } from '../../../shared/schemas/tickets';
import { api } from '../api/client';
import { useSession } from './use-session';

export const deskSettingsKey = ['desk-settings'] as const;

export interface DeskBrandView {
  deskName: string;
  accentColor: AccentColor;
  logoUrl: string | null;
}

/**
 * The desk's name, accent colour and logo, once someone is signed in (the settings are not public); the
 * built-in brand until then. One query shared by the frame, the theme and the admin page.
 */
export function useDeskBrand(): DeskBrandView {
  const session = useSession();
  const settings = useQuery({
    queryKey: deskSettingsKey,
    queryFn: () => api.get<DeskSettings>('/api/v1/desk-settings'),
    enabled: Boolean(session.data),
    staleTime: 5 * 60_000,
  });
  const data = session.data ? settings.data : undefined;
  return {
    deskName: data?.deskName || defaultDeskBrand.deskName,
    accentColor: isAccentColor(data?.accentColor) ? data.accentColor : defaultDeskBrand.accentColor,
    logoUrl: data?.logoUrl ?? null,
  };
}
