import type { Mailbox, MailboxCheck, MailboxInput, MailFailure, RawMessageStatus } from '../../../shared/schemas/mail';
import { api } from './client';

export type {
  InboundMode,
  Mailbox,
  MailboxCheck,
  MailboxInput,
  MailFailure,
  MailFailureReason,
} from '../../../shared/schemas/mail';

/** What a retried failed mail became (the route's own schema, `ReprocessOutcomeSchema` in mail.routes.ts). */
export interface ReprocessOutcome {
  status: RawMessageStatus;
  rawMessageId: number | null;
  ticketId?: number | null;
  ticketRef?: number | null;
  /** When it failed again: why, as a `MailFailureReason` (the route types it as any string). */
  reason?: string;
}

/** The mailbox list, and the port the server's built-in SMTP listener takes mail on (null: off). */
export interface MailboxList {
  items: Mailbox[];
  smtpListener: { port: number | null };
}

export interface FailedMailList {
  items: MailFailure[];
  /** Pass as `before` for the next (older) page; null on the last one. */
  nextCursor: string | null;
}

/** TanStack Query keys, so that a change on one screen refreshes the lists that show it. */
export const mailQueryKeys = {
  mailboxes: ['admin', 'mailboxes'] as const,
  failures: ['admin', 'failed-mail'] as const,
};

/** Mailboxes and the failed-mail list (admins only). */
export const mailApi = {
  /** Cached under `mailQueryKeys.mailboxes`; screens `select` the part they show. */
  mailboxes: () => api.get<MailboxList>('/api/v1/mailboxes'),
  createMailbox: (body: MailboxInput) => api.post<Mailbox>('/api/v1/mailboxes', body),
  /** Replaces the settings; a password left out keeps the stored one. */
  updateMailbox: (id: number, body: MailboxInput) => api.put<Mailbox>(`/api/v1/mailboxes/${id}`, body),
  removeMailbox: (id: number) => api.delete<undefined>(`/api/v1/mailboxes/${id}`),
  /** Signs in to the mailbox's IMAP and SMTP servers now; also records the inbound status. */
  checkMailbox: (id: number) => api.post<MailboxCheck>(`/api/v1/mailboxes/${id}/check`),
  failures: (query: { includeResolved: boolean; before?: string | null }) =>
    api.get<FailedMailList>('/api/v1/mail/failures', {
      includeResolved: query.includeResolved,
      before: query.before,
      limit: 50,
    }),
  /** Runs the stored message through intake again; into `mailboxId` when given, else the one it arrived at. */
  reprocessFailure: (id: number, mailboxId?: number) =>
    api.post<ReprocessOutcome>(`/api/v1/mail/failures/${id}/reprocess`, mailboxId === undefined ? {} : { mailboxId }),
  /** The message exactly as it arrived; the session cookie authorises a plain link. */
  rawFailureUrl: (id: number) => `/api/v1/mail/failures/${id}/raw`,
};
