/**
 * Seeds the desk through its public API, as an integration would: signs in with a session cookie
 * and sends the CSRF token on every change.
 */
export class ApiSession {
  private cookie = '';
  private csrf = '';

  private constructor(private readonly baseUrl: string) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<ApiSession> {
    const session = new ApiSession(baseUrl);
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
    session.cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    session.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
    return session;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  createUser(user: { name: string; email: string; role: string; password?: string; phone?: string }) {
    return this.call<{ id: number; name: string }>('POST', '/api/v1/users', user);
  }

  createTeam(team: { name: string; tier: number }) {
    return this.call<{ id: number; name: string }>('POST', '/api/v1/teams', team);
  }

  setTeamMembers(teamId: number, members: { userId: number; isLead: boolean }[]) {
    return this.call('PUT', `/api/v1/teams/${teamId}/members`, { members });
  }

  createTicket(ticket: Record<string, unknown>) {
    return this.call<{ id: number; reference: string; version: number }>('POST', '/api/v1/tickets', ticket);
  }
}

export const password = 'a-long-enough-password-2026';
