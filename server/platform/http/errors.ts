import { errorStatus, type ErrorCode } from '../../../shared/errors.js';

/** One way to fail: throw an AppError (or a subclass); the error handler turns it into the one error body. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export class ValidationError extends AppError {
  constructor(code: Extract<ErrorCode, 'validation_failed' | 'invalid_field' | 'weak_password' | 'invalid_token' | 'required_field_missing' | 'unreadable_upload'>, message: string, details?: unknown) {
    super(code, message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, details?: unknown) {
    super('not_found', message, details);
  }
}

export class ConflictError extends AppError {
  constructor(code: Extract<ErrorCode, 'conflict' | 'duplicate' | 'invalid_transition' | 'stale_version' | 'last_admin'>, message: string, details?: unknown) {
    super(code, message, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: Extract<ErrorCode, 'forbidden' | 'insufficient_scope' | 'csrf_token_invalid'>, message: string) {
    super(code, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: Extract<ErrorCode, 'authentication_required' | 'invalid_credentials' | 'session_expired'>, message: string) {
    super(code, message);
  }
}
