import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptedSchema,
  EmailRequestSchema,
  LoginRequestSchema,
  PasswordResetConfirmSchema,
  SessionResponseSchema,
  TokenConsumeSchema,
} from '../../../shared/schemas/identity.js';
import type { HttpServer } from '../../platform/http/server.js';
import { loadActor } from './actor-loader.js';
import { auditContextOf } from './audit.js';
import { confirmPasswordReset, consumeMagicLink, requestMagicLink, requestPasswordReset, signIn, TooManyAttemptsError, type ClientInfo } from './auth.service.js';
import type { IdentityDeps } from './identity-deps.js';
import { presentMe } from './me.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.js';
import { deleteSession, deleteUserSessions, type NewSession } from './sessions.js';

const tags = ['auth'];

function clientOf(request: FastifyRequest): ClientInfo {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null, previousCookie: readSessionCookie(request) };
}

async function sessionResponse(deps: IdentityDeps, request: FastifyRequest, reply: FastifyReply, userId: number, session: NewSession) {
  setSessionCookie(request, reply, session.cookieValue, session.expiresAt);
  reply.header('cache-control', 'no-store');
  const actor = await loadActor(deps.db, userId, 'session', { sessionIdHash: session.idHash, csrfToken: session.csrfToken });
  if (!actor) throw new Error('a user who just signed in could not be loaded');
  return { user: await presentMe(deps.db, actor), csrfToken: session.csrfToken };
}

export function registerAuthRoutes(http: HttpServer, deps: IdentityDeps): void {
  const app = http.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign in with email and password; sets the session cookie', body: LoginRequestSchema, response: { 200: SessionResponseSchema } },
    },
    async (request, reply) => {
      try {
        const { userId, session } = await signIn(deps, request.body.email, request.body.password, clientOf(request));
        return await sessionResponse(deps, request, reply, userId, session);
      } catch (error) {
        if (error instanceof TooManyAttemptsError) reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'End this session', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.actor?.sessionIdHash) await deleteSession(deps.db, request.actor.sessionIdHash);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/logout-everywhere',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'End every session of the caller, on every device', response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteUserSessions(deps.db, request.actor!.userId);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Email a password reset link (always 202, whether or not the address is known)', body: EmailRequestSchema, response: { 202: AcceptedSchema } },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.log, request.body.email);
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Set a new password with the emailed token; ends every session', body: PasswordResetConfirmSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await confirmPasswordReset(deps, request.body.token, request.body.password, auditContextOf(request, deps.clock));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/magic-link',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Email a one-time sign-in link (always 202)', body: EmailRequestSchema, response: { 202: AcceptedSchema } },
    },
    async (request, reply) => {
      await requestMagicLink(deps, request.log, request.body.email);
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/v1/auth/magic-link/consume',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign in with an emailed link token; sets the session cookie', body: TokenConsumeSchema, response: { 200: SessionResponseSchema } },
    },
    async (request, reply) => {
      const { userId, session } = await consumeMagicLink(deps, request.body.token, clientOf(request));
      return sessionResponse(deps, request, reply, userId, session);
    },
  );
}
