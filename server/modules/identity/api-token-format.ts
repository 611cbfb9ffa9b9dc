import { randomToken } from '../../platform/secrets.js';

/** API tokens look like `lp_<43 url-safe characters>`; the prefix lets secret scanners recognise them. */
export function newApiTokenValue(): string {
  return `lp_${randomToken(32)}`;
}

/** The part shown in lists: enough to tell tokens apart, useless to an attacker. */
export function apiTokenPrefix(token: string): string {
  return token.slice(0, 10);
}
