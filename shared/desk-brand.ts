/**
 * How the desk presents itself: its name, accent colour and logo. Kept free of zod so the browser's first
 * download can use it without the schema library.
 */

/**
 * The accent colours an admin may pick: Mantine's named palettes plus the desk's own calm "harbour".
 * Red, orange and yellow are left out on purpose: the interface keeps them for priority and warnings.
 */
export const accentColors = ['harbour', 'blue', 'indigo', 'violet', 'grape', 'cyan', 'teal', 'green'] as const;
export type AccentColor = (typeof accentColors)[number];

export const deskNameMaxLength = 80;
export const logoUrlMaxLength = 500;

export const defaultDeskBrand: { deskName: string; accentColor: AccentColor; logoUrl: string | null } = {
  deskName: 'Linchpin',
  accentColor: 'harbour',
  logoUrl: null,
};

export function isAccentColor(value: unknown): value is AccentColor {
  return typeof value === 'string' && (accentColors as readonly string[]).includes(value);
}

/**
 * A logo lives at an https address or at a path on this server ("/files/logo.svg"). Anything else — plain
 * http (mixed content), "//host" (another origin in disguise), javascript: or data: — is refused.
 */
export function isAllowedLogoUrl(value: string): boolean {
  if (value.length === 0 || value.length > logoUrlMaxLength || /[\s\\]/.test(value)) return false;
  if (value.startsWith('/')) return !value.startsWith('//');
  if (!value.startsWith('https://')) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
