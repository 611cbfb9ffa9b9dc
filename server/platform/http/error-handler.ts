import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorStatus, type ErrorBody, type ErrorCode } from '../../../shared/errors.js';
import { AppError } from './errors.js';

/** Fastify's own error codes, mapped to ours so that every failure has the same body. */
const fastifyCodes: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'malformed_json',
    message: 'The request says it sends JSON but the body is empty.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'This content type is not accepted here; send application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'validation_failed',
    message: 'The Content-Length header does not match the body.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is larger than allowed.' },
  FST_REQ_FILE_TOO_LARGE: { code: 'payload_too_large', message: 'The file is larger than allowed.' },
  FST_FILES_LIMIT: { code: 'payload_too_large', message: 'Too many files in one request.' },
  FST_PARTS_LIMIT: { code: 'payload_too_large', message: 'Too many parts in one request.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: 'unsupported_media_type',
    message: 'Send the upload as multipart/form-data.',
  },
  FST_ERR_VALIDATION: { code: 'validation_failed', message: 'The request is not valid.' },
};

// The general code for a status some library chose (a 403 from the static file server is not a CSRF failure).
const generalCodes: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'authentication_required',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'not_ready',
};

function codeForStatus(status: number): ErrorCode {
  return generalCodes[status] ?? (status >= 500 ? 'internal_error' : 'validation_failed');
}

export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return sendError(reply, error.status, {
        error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((issue) => ({
        field: [error.validationContext, ...String(issue.instancePath ?? '').split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'is not valid',
      }));
      const first = issues[0];
      return sendError(reply, 400, {
        error: {
          code: 'validation_failed',
          message: first ? `${first.field}: ${first.message}` : 'The request is not valid.',
          details: { issues },
        },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendError(reply, 500, { error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) {
      const status = errorStatus[known.code];
      return sendError(reply, status, { error: { code: known.code, message: known.message } });
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendError(reply, status, { error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
    }
    return sendError(reply, status, { error: { code: codeForStatus(status), message: error.message } });
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, {
      error: { code: 'route_not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}.` },
    }),
  );
}
