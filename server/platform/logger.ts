import type { LoggerOptions } from 'pino';

/**
 * Structured JSON logs. Secrets never reach them: credentials, cookies and bodies that may carry
 * passwords or message text are redacted wherever they appear.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.token',
        '*.secret',
        '*.body',
        'password',
        'token',
        'secret',
      ],
      censor: '[redacted]',
    },
  };
}
