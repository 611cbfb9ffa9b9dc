import type { Generated } from 'kysely';
import type { DefaultedFlag, DefaultedJson, Id, Instant } from '../../platform/db/column-types.js';
import type { InboundMode, MailFailureReason, MailTemplateKey, RawMessageStatus } from '../../../shared/schemas/mail.js';

export interface MailboxesTable {
  id: Id;
  /** Lower-case address the desk receives at, e.g. help@example.com. */
  address: string;
  displayName: Generated<string>;
  teamId: number | null;
  inboundMode: InboundMode;
  isActive: DefaultedFlag;
  imapHost: string | null;
  imapPort: number | null;
  imapTls: DefaultedFlag;
  imapUser: string | null;
  /** AES-256-GCM sealed password (see secret-box.ts); never leaves the server. */
  imapPasswordSealed: string | null;
  imapFolder: Generated<string>;
  imapProcessedFolder: string | null;
  /** Off only for a server with a self-signed or private certificate the admin trusts. */
  imapVerifyCertificate: DefaultedFlag;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: DefaultedFlag;
  smtpUser: string | null;
  smtpPasswordSealed: string | null;
  smtpVerifyCertificate: DefaultedFlag;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface MailRawMessagesTable {
  id: Id;
  mailboxId: number | null;
  source: 'smtp' | 'imap';
  envelopeFrom: string | null;
  envelopeTo: DefaultedJson;
  messageId: string | null;
  sha256: string;
  sizeBytes: number;
  content: Buffer;
  status: RawMessageStatus;
  ticketId: number | null;
  ticketMessageId: number | null;
  receivedAt: Instant;
}

/** One row per raw message that failed: its attempts counted, the last one's reason and detail kept. */
export interface MailFailuresTable {
  id: Id;
  rawMessageId: number;
  reason: MailFailureReason;
  detail: Generated<string>;
  /** The first failure (when the mail arrived, or its first import that failed). */
  createdAt: Instant;
  /** The latest failure; null only on rows written before attempts were counted. */
  lastFailedAt: Instant | null;
  /** How many times intake tried the mail and failed, the first delivery included. */
  attempts: Generated<number>;
  resolvedAt: Instant | null;
}

export interface MailImapStateTable {
  mailboxId: number;
  folder: string;
  /** UIDVALIDITY as text: it is an unsigned 32-bit number and some servers send bigger. */
  uidValidity: string;
  lastUid: number;
  updatedAt: Instant;
}

/** How fetching a mailbox's mail went lately (one row per mailbox, written by the IMAP fetcher and the check). */
export interface MailInboundStatusTable {
  mailboxId: number;
  /** The last sync or check that succeeded. */
  checkedAt: Instant | null;
  /** The last attempt's failure, in the mail server's words; null once an attempt succeeds. */
  error: string | null;
  errorAt: Instant | null;
}

export interface MailMessageIdsTable {
  messageId: string;
  ticketId: number;
  ticketMessageId: number | null;
  direction: 'in' | 'out';
  /** Whom a mail we sent went to (migration 2026-12-03T1700); null for mail we received. */
  recipientId: number | null;
  createdAt: Instant;
}

export interface MailTemplatesTable {
  key: MailTemplateKey;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  updatedById: number | null;
  updatedAt: Instant;
}

export interface MailSenderCountsTable {
  sender: string;
  windowStart: Instant;
  count: number;
}

export interface MailOutboxKeysTable {
  dedupeKey: string;
  outboxId: number;
  createdAt: Instant;
}

export interface MailTables {
  mailboxes: MailboxesTable;
  mailRawMessages: MailRawMessagesTable;
  mailFailures: MailFailuresTable;
  mailImapState: MailImapStateTable;
  mailInboundStatus: MailInboundStatusTable;
  mailMessageIds: MailMessageIdsTable;
  mailTemplates: MailTemplatesTable;
  mailSenderCounts: MailSenderCountsTable;
  mailOutboxKeys: MailOutboxKeysTable;
}
