import type { TestApp } from '../../test/test-app.js';

/** Helpers for tests that act as a browser: sign in, then send the cookie (and the CSRF token). */
export interface BrowserSession {
  cookie: string;
  csrfToken: string;
  /** The raw cookie value (what a thief would copy). */
  value: string;
}

export function sessionCookieFrom(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith('linchpin_session='));
  if (!header) throw new Error('no session cookie was set');
  return header.split(';')[0]!;
}

export async function signInAs(app: TestApp, email: string, password: string, headers: Record<string, string> = {}): Promise<BrowserSession> {
  const response = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookieFrom(response.headers['set-cookie']);
  return { cookie, csrfToken: (response.json() as { csrfToken: string }).csrfToken, value: cookie.split('=')[1]! };
}

/** Headers a page of ours sends: the cookie and the CSRF token. */
export function browser(session: BrowserSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}
