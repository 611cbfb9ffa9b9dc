/** One address as a mail client wrote it. `address` is lower-cased; `name` may be empty. */
export interface MailAddress {
  address: string;
  name: string;
}

/** A file carried by the mail: an attachment, or an inline image the HTML refers to by `cid:`. */
export interface InboundAttachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the content: the storage name and the de-duplication key. */
  sha256: string;
  /** Content-ID without angle brackets, for `cid:` references in the HTML. */
  contentId: string | null;
  isInline: boolean;
  content: Buffer;
}

/**
 * Why a mail must never be answered (RFC 3834 §2, RFC 3464). Such mail is still recorded on the
 * ticket: an agent may need to see that the requester is out of office or that their address bounces.
 */
export type NoiseKind = 'auto_reply' | 'bounce' | 'bulk';

export interface NoiseVerdict {
  kind: NoiseKind;
  /** The header or structure that gave it away, for the history and the failed-mail list. */
  reason: string;
}

/** A raw RFC 5322 message, decoded into what the desk works with. */
export interface InboundMessage {
  /** Message-ID without angle brackets; null when the sender gave none. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** Date header as an ISO instant; null when missing or unreadable. */
  date: string | null;
  /** The whole text body (derived from the HTML for HTML-only mail). */
  text: string;
  /** Sanitised HTML (allow-list), or null when the mail had no HTML part. */
  html: string | null;
  /** The new part of a reply: quoted history and signature removed. Equals `text` when nothing was stripped. */
  replyText: string;
  /** True when quoted history or a signature was cut from `replyText`. */
  hasStrippedContent: boolean;
  attachments: InboundAttachment[];
  /** Set for auto-replies, bounces and bulk mail: record, never answer. */
  noise: NoiseVerdict | null;
  /** The `[#1042]` reference in the subject, if any. */
  subjectTicketRef: number | null;
}
