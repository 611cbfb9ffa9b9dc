// A desk-wide setting several modules read (headers, notification mail, invitations); written by the tickets module's desk settings.
import { defaultDeskBrand, isAccentColor, type AccentColor } from '../../shared/desk-brand.js';
import { parseJson } from './db/column-types.js';
import type { Executor } from './db/database.js';

/** The desk's name, accent colour and logo, stored as one row of the key/value settings table. */
export const deskBrandKey = 'desk.brand';

export interface DeskBrand {
  deskName: string;
  accentColor: AccentColor;
  logoUrl: string | null;
}

/** The stored brand, each part falling back to its default when it was never set. */
export async function readDeskBrand(executor: Executor): Promise<DeskBrand> {
  const row = await executor.selectFrom('settings').select('value').where('key', '=', deskBrandKey).executeTakeFirst();
  if (!row) return { ...defaultDeskBrand };
  const stored = parseJson<Partial<Record<keyof DeskBrand, unknown>>>(row.value);
  return {
    deskName: typeof stored.deskName === 'string' && stored.deskName.length > 0 ? stored.deskName : defaultDeskBrand.deskName,
    accentColor: isAccentColor(stored.accentColor) ? stored.accentColor : defaultDeskBrand.accentColor,
    logoUrl: typeof stored.logoUrl === 'string' ? stored.logoUrl : null,
  };
}
