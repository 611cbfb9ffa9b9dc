import crypto from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { loggerOptions } from '../logger.js';
import { installErrorHandling } from './error-handler.js';
import { ValidationError } from './errors.js';

export type HttpServer = FastifyInstance;

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

const nulMessage = 'Text may not contain the NUL character (\\u0000).';

/** Whether a parsed JSON value holds a string with NUL in it (a key or a value, at any depth). */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item));
  return false;
}

/**
 * No text of ours means the NUL character, and PostgreSQL cannot store it at all: a body or a query string holding
 * one is refused with a 400 naming it, instead of failing at the database with a 500. JSON is parsed by Fastify's own
 * parser (with its prototype-poisoning checks); only a body whose text has a `\u0000` escape is looked through.
 */
function refuseNulCharacters(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    void parseJson(request, text, (error, value) => {
      if (error) done(error, undefined);
      else if (text.includes('\\u0000') && holdsNul(value)) done(new ValidationError('invalid_field', nulMessage), undefined);
      else done(null, value);
    });
  });
  app.addHook('onRequest', async (request) => {
    if (request.url.includes('%00')) throw new ValidationError('invalid_field', nulMessage);
  });
}

/** Fastify with our conventions: zod validation, one error body, request ids, JSON logs, OpenAPI. */
export async function createHttpServer(config: Config, version: string): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Honour a caller's request id (a proxy's, a client's) when it looks sane; otherwise make one.
    // requestIdHeader stays off: with it set, Fastify takes the header as it is and never asks genReqId,
    // so any string (spaces, markup, a forged log line) would be echoed back and written to the logs.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : crypto.randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON. Fastify's built-in text/plain parser would let a cross-site form
  // (enctype=text/plain, sent by browsers without a CORS preflight) reach handlers; refuse it with 415.
  app.removeContentTypeParser('text/plain');
  refuseNulCharacters(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Linchpin API',
        description:
          'The REST API of the Linchpin helpdesk. Authenticate with `Authorization: Bearer <token>` (create one with `linchpin create-token` or in your profile) or with the session cookie plus the `x-csrf-token` header.',
        version,
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'linchpin_session' },
        },
      },
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  return app;
}
