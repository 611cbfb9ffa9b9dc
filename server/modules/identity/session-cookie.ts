import type { FastifyReply, FastifyRequest } from 'fastify';

export const sessionCookieName = 'linchpin_session';
// Our cookie values are base64url; anything else under our name is not ours and is ignored.
const valuePattern = /^[A-Za-z0-9_-]{1,200}$/;

/** The session cookie's value, if the request carries one. */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== sessionCookieName) continue;
    const value = part.slice(separator + 1).trim();
    if (valuePattern.test(value)) return value;
  }
  return undefined;
}

/**
 * HttpOnly: scripts never read it (XSS cannot steal it). SameSite=Lax: other sites' forms do not send
 * it on POST. Secure whenever the request came over HTTPS (directly, or per X-Forwarded-Proto when
 * TRUST_PROXY is on), so it never travels in clear once the desk is served over TLS.
 */
function cookieHeader(request: FastifyRequest, value: string, expires: Date): string {
  return [
    `${sessionCookieName}=${value}`,
    'Path=/',
    `Expires=${expires.toUTCString()}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(request.protocol === 'https' ? ['Secure'] : []),
  ].join('; ');
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, expiresAt: string): void {
  reply.header('set-cookie', cookieHeader(request, value, new Date(expiresAt)));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', cookieHeader(request, '', new Date(0)));
}
