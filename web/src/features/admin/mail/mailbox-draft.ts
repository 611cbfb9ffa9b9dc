import { ApiError } from '../../../api/api-error';
import type { InboundMode, Mailbox, MailboxInput } from '../../../api/mail';
import type { MessageKey } from '../../../i18n/translate';

/** The mailbox form as typed: text as text, ports as the number input gives them, passwords empty until typed. */
export interface MailboxDraft {
  address: string;
  displayName: string;
  /** A team id as text, or null for none. */
  teamId: string | null;
  inboundMode: InboundMode;
  isActive: boolean;
  imap: MailServerDraft & { folder: string; processedFolder: string };
  /** Whether this mailbox sends through its own server. */
  useSmtp: boolean;
  smtp: MailServerDraft;
}

/**
 * How the desk reaches one mail server. Both protocols' "TLS from the first byte" switch goes by one name here, so
 * one set of fields serves both; the API calls it `tls` for IMAP and `secure` for SMTP.
 */
export interface MailServerDraft {
  host: string;
  port: number | string;
  implicitTls: boolean;
  user: string;
  password: string;
  verifyCertificate: boolean;
}

export type MailProtocol = 'imap' | 'smtp';

/** The fields the server may name in a refusal, as `details.field` or a schema issue's path without `body.`. */
export const mailboxFields = [
  'address',
  'displayName',
  'teamId',
  'inboundMode',
  'imap.host',
  'imap.port',
  'imap.user',
  'imap.password',
  'imap.folder',
  'imap.processedFolder',
  'smtp.host',
  'smtp.port',
  'smtp.user',
  'smtp.password',
] as const;
export type MailboxField = (typeof mailboxFields)[number];
export type MailboxFieldErrors = Partial<Record<MailboxField, string>>;

/** Defaults of the schema: IMAP over implicit TLS on 993 into INBOX; submission on 587 with STARTTLS. */
export const mailPorts: Record<MailProtocol, { implicitTls: number; plain: number }> = {
  imap: { implicitTls: 993, plain: 143 },
  smtp: { implicitTls: 465, plain: 587 },
};

export function emptyDraft(): MailboxDraft {
  return {
    address: '',
    displayName: '',
    teamId: null,
    inboundMode: 'smtp',
    isActive: true,
    imap: {
      host: '',
      port: mailPorts.imap.implicitTls,
      implicitTls: true,
      user: '',
      password: '',
      folder: 'INBOX',
      processedFolder: '',
      verifyCertificate: true,
    },
    useSmtp: false,
    smtp: { host: '', port: mailPorts.smtp.plain, implicitTls: false, user: '', password: '', verifyCertificate: true },
  };
}

/** A stored mailbox as a draft; its passwords stay on the server, so the fields start empty. */
export function draftOf(mailbox: Mailbox): MailboxDraft {
  const empty = emptyDraft();
  return {
    address: mailbox.address,
    displayName: mailbox.displayName,
    teamId: mailbox.teamId === null ? null : String(mailbox.teamId),
    inboundMode: mailbox.inboundMode,
    isActive: mailbox.isActive,
    imap: mailbox.imap
      ? {
          host: mailbox.imap.host,
          port: mailbox.imap.port,
          implicitTls: mailbox.imap.tls,
          user: mailbox.imap.user,
          password: '',
          folder: mailbox.imap.folder,
          processedFolder: mailbox.imap.processedFolder ?? '',
          verifyCertificate: mailbox.imap.verifyCertificate,
        }
      : empty.imap,
    useSmtp: mailbox.smtp !== null,
    smtp: mailbox.smtp
      ? {
          host: mailbox.smtp.host,
          port: mailbox.smtp.port,
          implicitTls: mailbox.smtp.secure,
          user: mailbox.smtp.user ?? '',
          password: '',
          verifyCertificate: mailbox.smtp.verifyCertificate,
        }
      : empty.smtp,
  };
}

export const usesImap = (mode: InboundMode) => mode !== 'smtp';

/** How mail can arrive, in words, in the order the form offers them. */
export const inboundModeOptions: readonly { value: InboundMode; label: MessageKey; hint: MessageKey }[] = [
  { value: 'smtp', label: 'admin.mailboxes.mode.smtp', hint: 'admin.mailboxes.mode.smtpHint' },
  { value: 'imap', label: 'admin.mailboxes.mode.imap', hint: 'admin.mailboxes.mode.imapHint' },
  { value: 'both', label: 'admin.mailboxes.mode.both', hint: 'admin.mailboxes.mode.bothHint' },
];

export const inboundModeLabel = (mode: InboundMode): MessageKey =>
  inboundModeOptions.find((option) => option.value === mode)?.label ?? 'admin.mailboxes.mode.smtp';

/** The request body. An empty password is left out, which keeps the stored one. */
export function payloadOf(draft: MailboxDraft): MailboxInput {
  const { imap, smtp } = draft;
  return {
    address: draft.address.trim(),
    displayName: draft.displayName.trim(),
    teamId: draft.teamId === null ? null : Number(draft.teamId),
    inboundMode: draft.inboundMode,
    isActive: draft.isActive,
    imap: usesImap(draft.inboundMode)
      ? {
          host: imap.host.trim(),
          port: Number(imap.port),
          tls: imap.implicitTls,
          user: imap.user.trim(),
          folder: imap.folder.trim() || 'INBOX',
          processedFolder: imap.processedFolder.trim() || null,
          verifyCertificate: imap.verifyCertificate,
          ...(imap.password ? { password: imap.password } : {}),
        }
      : null,
    smtp: draft.useSmtp
      ? {
          host: smtp.host.trim(),
          port: Number(smtp.port),
          secure: smtp.implicitTls,
          user: smtp.user.trim() || null,
          verifyCertificate: smtp.verifyCertificate,
          ...(smtp.password ? { password: smtp.password } : {}),
        }
      : null,
  };
}

const fieldMessages: Record<MailboxField, MessageKey> = {
  address: 'admin.mailboxes.error.address',
  displayName: 'admin.mailboxes.error.displayName',
  teamId: 'admin.mailboxes.error.teamId',
  inboundMode: 'admin.mailboxes.error.inboundMode',
  'imap.host': 'admin.mailboxes.error.host',
  'imap.port': 'admin.mailboxes.error.port',
  'imap.user': 'admin.mailboxes.error.imapUser',
  'imap.password': 'admin.mailboxes.error.imapPassword',
  'imap.folder': 'admin.mailboxes.error.folder',
  'imap.processedFolder': 'admin.mailboxes.error.folder',
  'smtp.host': 'admin.mailboxes.error.host',
  'smtp.port': 'admin.mailboxes.error.port',
  'smtp.user': 'admin.mailboxes.error.smtpUser',
  'smtp.password': 'admin.mailboxes.error.smtpPassword',
};

const isMailboxField = (name: string): name is MailboxField => (mailboxFields as readonly string[]).includes(name);

/**
 * The message key for each field a refusal names: a rule's single `details.field` ("imap.password") or the
 * schema's issues ("body.imap.host"). Empty when the refusal names no field of the form.
 */
export function refusedFields(error: unknown): Partial<Record<MailboxField, MessageKey>> {
  if (!(error instanceof ApiError)) return {};
  const details = error.details as { field?: unknown; issues?: { field?: unknown }[] } | undefined;
  const named = [details?.field, ...(details?.issues ?? []).map((issue) => issue.field)].map((field) =>
    String(field ?? '').replace(/^body\./, ''),
  );
  const refused: Partial<Record<MailboxField, MessageKey>> = {};
  for (const field of named) {
    if (!isMailboxField(field)) continue;
    refused[field] =
      field === 'address' && error.code === 'duplicate' ? 'admin.mailboxes.error.addressTaken' : fieldMessages[field];
  }
  return refused;
}
