import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every setting is documented here and in README's table;
 * the defaults make `npm start` serve a working desk on a fresh machine.
 */
const positiveInt = (what: string) =>
  z.coerce.number({ error: `must be a whole number (${what})` }).int(`must be a whole number (${what})`);

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be one of true, false, 1, 0, yes, no' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  /** Interface to listen on. Keep 127.0.0.1 unless a reverse proxy or container needs 0.0.0.0. */
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  /** TCP port for HTTP (the web app and the API). */
  PORT: positiveInt('1-65535').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535').default(3000),
  /** Folder for the SQLite database, attachments and the generated secret key. */
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  /** postgres://user:pass@host:port/db to run on PostgreSQL instead of the embedded SQLite database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * SQLite durability (docs/decisions/0003-sqlite-synchronous-normal.md). normal: a commit survives a crash of
   * the process but the last ones may be lost if the machine loses power; full: every commit waits for the disk.
   */
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  /** Size of the PostgreSQL connection pool per instance. */
  DATABASE_POOL_SIZE: positiveInt('1-100').min(1, 'must be at least 1').max(100, 'must be at most 100').default(10),
  /** The address people use to reach the desk; used in links in emails. */
  PUBLIC_URL: z.url({ error: 'must be an absolute URL such as https://help.example.com' }).optional(),
  /** trace, debug, info, warn, error, fatal or silent. */
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], {
      error: 'must be one of trace, debug, info, warn, error, fatal, silent',
    })
    .default('info'),
  /** development shows outgoing mail in the log; production never does. */
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be one of development, production, test' })
    .default('development'),
  /** Trust X-Forwarded-* headers (set when behind a reverse proxy that terminates HTTPS). */
  TRUST_PROXY: booleanFlag.default(false),
  /** Largest JSON request body, in bytes. */
  BODY_LIMIT_BYTES: positiveInt('bytes').min(1024, 'must be at least 1024').default(1_048_576),
  /** Largest attachment, in bytes. */
  ATTACHMENT_MAX_BYTES: positiveInt('bytes').min(1024, 'must be at least 1024').default(26_214_400),
  /** Minimum password length. */
  PASSWORD_MIN_LENGTH: positiveInt('characters').min(8, 'must be at least 8').max(128, 'must be at most 128').default(12),
  /** Sign a session out after this many minutes without a request. */
  SESSION_IDLE_MINUTES: positiveInt('minutes').min(5, 'must be at least 5').default(480),
  /** Sign a session out this many hours after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: positiveInt('hours').min(1, 'must be at least 1').default(168),
  /** Days after resolution during which a requester's reply reopens the ticket. */
  REOPEN_WINDOW_DAYS: positiveInt('days').min(0, 'must be 0 or more').default(7),
  /** Days after resolution when a ticket closes by itself. */
  AUTO_CLOSE_DAYS: positiveInt('days').min(1, 'must be at least 1').default(7),
  /** Milliseconds the scheduler waits between looks for due jobs. */
  JOB_POLL_INTERVAL_MS: positiveInt('milliseconds').min(50, 'must be at least 50').default(1000),
  /** Run the scheduled jobs in this instance (turn off on web-only instances). */
  JOBS_ENABLED: booleanFlag.default(true),
  /** Seconds to finish requests in flight on SIGTERM before closing anyway. */
  SHUTDOWN_GRACE_SECONDS: positiveInt('seconds').min(1, 'must be at least 1').max(60, 'must be at most 60').default(8),
  /** Port of the built-in SMTP listener that receives mail for the mailboxes; unset turns it off. */
  SMTP_PORT: positiveInt('1-65535').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535').optional(),
  /** Interface the SMTP listener binds to. */
  SMTP_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  /** PEM certificate and key files: with both set the listener offers STARTTLS. */
  SMTP_TLS_CERT_FILE: z.string().min(1).optional(),
  SMTP_TLS_KEY_FILE: z.string().min(1).optional(),
  /** Largest message the listener accepts, in bytes (announced with SIZE). */
  SMTP_MAX_MESSAGE_BYTES: positiveInt('bytes').min(1024, 'must be at least 1024').default(31_457_280),
  /** 32 bytes, base64, that seal mailbox passwords; unset: generated once into DATA_DIR/mail-secret.key. */
  MAIL_SECRET_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters)').optional(),
  /** Mails one sender may send per hour before the rest wait in the failed-mail list (stops loops). */
  MAIL_SENDER_LIMIT_PER_HOUR: positiveInt('mails').min(1, 'must be at least 1').default(60),
  /** Seconds between IMAP polls for servers without IDLE. */
  IMAP_POLL_INTERVAL_SECONDS: positiveInt('seconds').min(5, 'must be at least 5').default(60),
});

export type Environment = z.input<typeof environmentSchema>;

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  sqliteSynchronous: 'normal' | 'full';
  publicUrl: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  environment: 'development' | 'production' | 'test';
  trustProxy: boolean;
  bodyLimitBytes: number;
  attachmentMaxBytes: number;
  passwordMinLength: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  reopenWindowDays: number;
  autoCloseDays: number;
  jobPollIntervalMs: number;
  jobsEnabled: boolean;
  shutdownGraceSeconds: number;
  mail: {
    smtpPort: number | undefined;
    smtpHost: string;
    smtpTlsCertFile: string | undefined;
    smtpTlsKeyFile: string | undefined;
    smtpMaxMessageBytes: number;
    secretKey: string | undefined;
    senderLimitPerHour: number;
    imapPollIntervalSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One line per bad variable, so a single mistake is a single line naming the variable, the problem and what is allowed.
    super(problems.map((problem) => `cannot start: ${problem}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(environmentSchema.shape).map((key) => [key, env[key] === '' && key !== 'DATABASE_URL' ? undefined : env[key]]),
  );
  const parsed = environmentSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        return `${variable}=${JSON.stringify(env[variable] ?? '')} ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    environment: e.NODE_ENV,
    trustProxy: e.TRUST_PROXY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    passwordMinLength: e.PASSWORD_MIN_LENGTH,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    reopenWindowDays: e.REOPEN_WINDOW_DAYS,
    autoCloseDays: e.AUTO_CLOSE_DAYS,
    jobPollIntervalMs: e.JOB_POLL_INTERVAL_MS,
    jobsEnabled: e.JOBS_ENABLED,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    mail: {
      smtpPort: e.SMTP_PORT,
      smtpHost: e.SMTP_HOST,
      smtpTlsCertFile: e.SMTP_TLS_CERT_FILE,
      smtpTlsKeyFile: e.SMTP_TLS_KEY_FILE,
      smtpMaxMessageBytes: e.SMTP_MAX_MESSAGE_BYTES,
      secretKey: e.MAIL_SECRET_KEY,
      senderLimitPerHour: e.MAIL_SENDER_LIMIT_PER_HOUR,
      imapPollIntervalSeconds: e.IMAP_POLL_INTERVAL_SECONDS,
    },
  };
}

/** The documented variables, for README and `linchpin --help`. */
export const configurationVariables = Object.keys(environmentSchema.shape);
