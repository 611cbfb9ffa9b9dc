/** The email channel's API contract: mailboxes, the failed-mail list and notification templates. */
import { z } from 'zod';

export const inboundModes = ['smtp', 'imap', 'both'] as const;
export type InboundMode = (typeof inboundModes)[number];
/** imported: became a ticket or a message; noise: recorded, never answered; failed: on the failed-mail list; duplicate: already had it. */
export const rawMessageStatuses = ['imported', 'noise', 'failed', 'duplicate'] as const;
export type RawMessageStatus = (typeof rawMessageStatuses)[number];
export const mailFailureReasons = ['unparseable', 'no_sender', 'unknown_recipient', 'rate_limited', 'import_error'] as const;
export type MailFailureReason = (typeof mailFailureReasons)[number];
/** The notifications the desk sends, each with an editable template. */
export const mailTemplateKeys = [
  'ticket_received',
  'agent_reply',
  'requester_reply',
  'ticket_resolved',
  'ticket_assigned',
  'team_new_ticket',
  'sla_warning',
  'password_reset',
  'magic_link',
  'invitation',
] as const;
export type MailTemplateKey = (typeof mailTemplateKeys)[number];

const id = z.coerce.number().int().positive();
const hostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, 'must be a host name or address');
const port = z.number().int().min(1).max(65535);
const emailAddress = z.email({ error: 'must be an email address' }).trim().toLowerCase().max(254);

/** Incoming mail fetched from an existing mail server. */
export const ImapSettingsSchema = z.object({
  host: hostName,
  port: port.default(993),
  /** Implicit TLS (port 993); false uses STARTTLS when the server offers it. */
  tls: z.boolean().default(true),
  user: z.string().min(1).max(320),
  /** Write-only: stored encrypted, never returned. Omit on update to keep the stored one. */
  password: z.string().min(1).max(1024).optional(),
  folder: z.string().min(1).max(200).default('INBOX'),
  /** Move imported mail to this folder; null leaves it in place, marked \Seen. */
  processedFolder: z.string().min(1).max(200).nullable().default(null),
  /** Check the server's TLS certificate; turn off only for a server with a self-signed certificate you trust. */
  verifyCertificate: z.boolean().default(true),
});

/** The server our notifications leave through. */
export const SmtpSettingsSchema = z.object({
  host: hostName,
  port: port.default(587),
  /** Implicit TLS (port 465); false upgrades with STARTTLS when offered. */
  secure: z.boolean().default(false),
  user: z.string().min(1).max(320).nullable().default(null),
  /** Write-only, like the IMAP password. */
  password: z.string().min(1).max(1024).optional(),
  verifyCertificate: z.boolean().default(true),
});

export const MailboxInputSchema = z
  .object({
    address: emailAddress,
    displayName: z.string().trim().max(200).default(''),
    /** New tickets from this mailbox go to this team. */
    teamId: id.nullable().default(null),
    /** How mail arrives: the built-in SMTP listener, IMAP polling or both. */
    inboundMode: z.enum(inboundModes),
    isActive: z.boolean().default(true),
    imap: ImapSettingsSchema.nullable().default(null),
    smtp: SmtpSettingsSchema.nullable().default(null),
  })
  .refine((value) => value.inboundMode === 'smtp' || value.imap !== null, {
    message: 'IMAP settings are required when mail arrives by IMAP',
    path: ['imap'],
  });
export type MailboxInput = z.infer<typeof MailboxInputSchema>;

export const MailboxSchema = z.object({
  id: z.number(),
  address: z.string(),
  displayName: z.string(),
  teamId: z.number().nullable(),
  inboundMode: z.enum(inboundModes),
  isActive: z.boolean(),
  imap: z
    .object({
      host: z.string(),
      port: z.number(),
      tls: z.boolean(),
      user: z.string(),
      hasPassword: z.boolean(),
      folder: z.string(),
      processedFolder: z.string().nullable(),
      verifyCertificate: z.boolean(),
    })
    .nullable(),
  smtp: z.object({ host: z.string(), port: z.number(), secure: z.boolean(), user: z.string().nullable(), hasPassword: z.boolean(), verifyCertificate: z.boolean() }).nullable(),
  /** How fetching mail over IMAP went lately; null until the desk first tried (and for SMTP-only mailboxes). */
  inboundStatus: z
    .object({
      /** The last sync that succeeded. */
      checkedAt: z.string().nullable(),
      /** What went wrong on the last attempt, in the mail server's words; null when it succeeded. */
      error: z.string().nullable(),
      errorAt: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Mailbox = z.infer<typeof MailboxSchema>;

/** One side of a connection check: whether the server took the login, and what it said. */
export const ConnectionCheckSchema = z.object({ ok: z.boolean(), detail: z.string() });
/** `POST /api/v1/mailboxes/:id/check`: signs in to the mailbox's IMAP and SMTP servers now; null where none is set. */
export const MailboxCheckSchema = z.object({ imap: ConnectionCheckSchema.nullable(), smtp: ConnectionCheckSchema.nullable() });
export type MailboxCheck = z.infer<typeof MailboxCheckSchema>;

/** A mail that could not become a ticket: listed once however often it was retried. */
export const MailFailureSchema = z.object({
  id: z.number(),
  rawMessageId: z.number(),
  /** Why the last attempt failed. */
  reason: z.enum(mailFailureReasons),
  /** The last attempt's own words. */
  detail: z.string(),
  /** How many times intake tried it and failed, the first delivery included. */
  attempts: z.number(),
  mailboxId: z.number().nullable(),
  envelopeFrom: z.string().nullable(),
  messageId: z.string().nullable(),
  sizeBytes: z.number(),
  /** The first failure. */
  createdAt: z.string(),
  /** The last failure (equal to createdAt after one attempt). */
  lastFailedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type MailFailure = z.infer<typeof MailFailureSchema>;

export const MailTemplateSchema = z.object({
  key: z.enum(mailTemplateKeys),
  subject: z.string(),
  bodyText: z.string(),
  bodyHtml: z.string(),
  /** Variables the template may use as {{name}}. */
  variables: z.array(z.string()),
  isCustomised: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type MailTemplate = z.infer<typeof MailTemplateSchema>;

export const MailTemplateInputSchema = z.object({
  subject: z.string().trim().min(1).max(500),
  bodyText: z.string().min(1).max(100_000),
  bodyHtml: z.string().max(200_000).default(''),
});
