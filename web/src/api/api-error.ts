import { isErrorCode, type ErrorCode } from '../../../shared/errors';
import { t } from '../i18n/translate';

/** A failed API call, with the server's code turned into a sentence a person understands. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network_error';
  readonly details: unknown;
  readonly serverMessage: string;

  constructor(status: number, code: ErrorCode | 'network_error', serverMessage: string, details?: unknown) {
    super(humanMessage(code));
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.details = details;
  }
}

function humanMessage(code: ErrorCode | 'network_error'): string {
  return code === 'network_error' ? t('errors.network') : t(`errors.${code}`);
}

/** Builds the error from a response body, whatever its shape. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = isErrorCode(error?.code) ? error.code : status >= 500 ? 'internal_error' : 'validation_failed';
  return new ApiError(status, code, typeof error?.message === 'string' ? error.message : '', error?.details);
}

/**
 * The sentence to show for any thrown value. Validation errors keep the server's message, which names the
 * field and the rule ("the subject cannot be empty"), because no fixed sentence could say more.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if ((error.code === 'validation_failed' || error.code === 'invalid_field' || error.code === 'weak_password' || error.code === 'required_field_missing') && error.serverMessage) {
      return `${error.message} ${error.serverMessage}`;
    }
    return error.message;
  }
  return t('errors.generic');
}
