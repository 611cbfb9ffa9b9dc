import type { Migration } from 'kysely';
import * as createPlatform from './2026-11-22T1200-create-platform.js';
import * as createIdentity from './2026-11-22T1210-create-identity.js';
import * as createJobs from './2026-11-22T1220-create-jobs.js';
import * as createTickets from './2026-11-22T1300-create-tickets.js';
import * as createMail from './2026-11-22T1530-create-mail.js';
import * as createSla from './2026-11-22T1600-create-sla.js';
import * as ticketListIndexes from './2026-11-22T1610-ticket-list-indexes.js';
import * as ticketSlaDue from './2026-11-23T0900-ticket-sla-due.js';
import * as ticketRefSequence from './2026-12-01T0300-ticket-ref-sequence.js';
import * as searchPrefixIndex from './2026-12-01T0600-search-prefix-index.js';
import * as mailRawTicketIndex from './2026-12-01T0610-mail-raw-ticket-index.js';
import * as referenceVersion from './2026-12-02T0900-reference-version.js';
import * as searchScope from './2026-12-02T2200-search-scope.js';
import * as mailInboundStatus from './2026-12-03T0800-mail-inbound-status.js';
import * as searchIndexQueue from './2026-12-03T1100-search-index-queue.js';
import * as messageKindIndex from './2026-12-03T1200-message-kind-index.js';
import * as mailFailureAttempts from './2026-12-03T1500-mail-failure-attempts.js';
import * as searchRecencyLexemes from './2026-12-03T1600-search-recency-lexemes.js';
import * as mailMessageIdRecipient from './2026-12-03T1700-mail-message-id-recipient.js';

/**
 * Every migration, in the order they run (by name). Add new ones at the end with a later timestamp;
 * never edit or reorder one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T1200-create-platform': createPlatform,
  '2026-11-22T1210-create-identity': createIdentity,
  '2026-11-22T1220-create-jobs': createJobs,
  '2026-11-22T1300-create-tickets': createTickets,
  '2026-11-22T1530-create-mail': createMail,
  '2026-11-22T1600-create-sla': createSla,
  '2026-11-22T1610-ticket-list-indexes': ticketListIndexes,
  '2026-11-23T0900-ticket-sla-due': ticketSlaDue,
  '2026-12-01T0300-ticket-ref-sequence': ticketRefSequence,
  '2026-12-01T0600-search-prefix-index': searchPrefixIndex,
  '2026-12-01T0610-mail-raw-ticket-index': mailRawTicketIndex,
  '2026-12-02T0900-reference-version': referenceVersion,
  '2026-12-02T2200-search-scope': searchScope,
  '2026-12-03T0800-mail-inbound-status': mailInboundStatus,
  '2026-12-03T1100-search-index-queue': searchIndexQueue,
  '2026-12-03T1200-message-kind-index': messageKindIndex,
  '2026-12-03T1500-mail-failure-attempts': mailFailureAttempts,
  '2026-12-03T1600-search-recency-lexemes': searchRecencyLexemes,
  '2026-12-03T1700-mail-message-id-recipient': mailMessageIdRecipient,
};
