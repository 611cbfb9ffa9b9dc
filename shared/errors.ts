/**
 * Every error the API can answer with. The code is the contract (clients branch on it, the web app
 * translates it); the message is for people. Add a code here before throwing it anywhere.
 */
export const errorStatus = {
  // 400: the request is malformed or breaks a rule of the input
  validation_failed: 400,
  malformed_json: 400,
  invalid_field: 400,
  weak_password: 400,
  invalid_token: 400,
  required_field_missing: 400,
  unreadable_upload: 400,
  // 401 / 403: who you are, and what you may do
  authentication_required: 401,
  invalid_credentials: 401,
  session_expired: 401,
  csrf_token_invalid: 403,
  forbidden: 403,
  insufficient_scope: 403,
  // 404: missing, or not yours to know about
  not_found: 404,
  route_not_found: 404,
  // 405 / 406 / 409: the method, the format asked for, or the state of things forbids it
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  duplicate: 409,
  invalid_transition: 409,
  stale_version: 409,
  last_admin: 409,
  // 413 / 415 / 429: the shape or rate of the request
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  // 5xx: ours
  internal_error: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}
