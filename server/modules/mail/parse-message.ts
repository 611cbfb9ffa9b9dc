import crypto from 'node:crypto';
import iconv from 'iconv-lite';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { InboundAttachment, InboundMessage, MailAddress } from './inbound-message.js';
import { sanitizeMailHtml } from './mail-html.js';
import { detectNoise } from './noise-detection.js';
import { stripQuotedHistory } from './quote-stripping.js';
import { normaliseMessageId, subjectTicketRef } from './threading.js';

export interface ParseOptions {
  /** SMTP MAIL FROM when known ('' for the null reverse-path of bounces). */
  envelopeSender?: string | null;
}

/** A message whose structure cannot be read at all: it goes to the failed-mail list with this reason. */
export class UnparseableMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnparseableMailError';
  }
}

/** Decodes a raw RFC 5322 message (any charset mailparser knows, plus UTF-7) into the desk's shape. */
export async function parseRawMessage(raw: Buffer, options: ParseOptions = {}): Promise<InboundMessage> {
  let parsed: ParsedMail;
  try {
    // keepCidLinks: inline images stay attachments referenced by cid:, not data: URLs in the HTML.
    parsed = await simpleParser(raw, { keepCidLinks: true });
  } catch (error) {
    throw new UnparseableMailError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.headers.size === 0 && raw.length > 0) throw new UnparseableMailError('no header section');

  const utf7 = declaredUtf7Parts(raw);
  let text = parsed.text ?? '';
  let html = typeof parsed.html === 'string' ? parsed.html : null;
  // mailparser leaves UTF-7 undecoded on purpose (+ADw-script+AD4- would become <script>). UTF-7 is
  // plain ASCII on the wire, so decoding afterwards is exact, and the HTML is sanitised after it.
  if (utf7.text) text = iconv.decode(Buffer.from(text, 'latin1'), 'utf-7');
  if (utf7.html && html !== null) {
    html = iconv.decode(Buffer.from(html, 'latin1'), 'utf-7');
    // HTML-only: mailparser derived the text from the still-encoded HTML; derive it again below.
    if (!utf7.hasPlainPart) text = '';
  }
  const sanitisedHtml = html === null ? null : sanitizeMailHtml(html);
  if (!text.trim() && sanitisedHtml) text = htmlToPlainText(sanitisedHtml);
  text = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');

  const subject = decodeUtf7Words(parsed.subject ?? '').replace(/\s+/g, ' ').trim();
  const from = firstAddress(parsed.from);
  const contentType = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const header = (name: string) => headerValues(parsed, name);
  const noise = detectNoise({
    header,
    contentType: (contentType?.value ?? 'text/plain').toLowerCase(),
    reportType: contentType?.params?.['report-type'] ?? null,
    fromAddress: from?.address ?? null,
    subject,
    envelopeSender: options.envelopeSender ?? null,
  });
  const reply = stripQuotedHistory(text);

  return {
    messageId: parsed.messageId ? normaliseMessageId(parsed.messageId) : null,
    inReplyTo: messageIdList(parsed.inReplyTo),
    references: messageIdList(parsed.references),
    subject,
    from,
    replyTo: firstAddress(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    text,
    html: sanitisedHtml,
    replyText: reply.text,
    hasStrippedContent: reply.stripped,
    attachments: parsed.attachments.map(toAttachment),
    noise,
    subjectTicketRef: subjectTicketRef(subject),
  };
}

function toAttachment(attachment: Attachment): InboundAttachment {
  const contentId = attachment.contentId ? attachment.contentId.replace(/^<|>$/g, '') : null;
  const isInline = attachment.contentDisposition === 'inline' && contentId !== null;
  return {
    fileName: safeFileName(attachment.filename, attachment.contentType),
    contentType: attachment.contentType || 'application/octet-stream',
    sizeBytes: attachment.content.length,
    sha256: crypto.createHash('sha256').update(attachment.content).digest('hex'),
    contentId,
    isInline: isInline || (attachment.related === true && contentId !== null),
    content: attachment.content,
  };
}

// File names come from the sender: no paths, no control characters, never empty.
function safeFileName(name: string | undefined, contentType: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()?.replace(/[\p{Cc}]/gu, '').trim().slice(0, 255) ?? '';
  if (base && base !== '.' && base !== '..') return base;
  if (contentType === 'message/rfc822') return 'message.eml';
  if (contentType === 'message/delivery-status') return 'delivery-status.txt';
  const extension = contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '').slice(0, 10);
  return extension ? `attachment.${extension}` : 'attachment';
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const result: MailAddress[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address && entry.address.includes('@')) {
        result.push({ address: entry.address.trim().toLowerCase(), name: decodeUtf7Words(entry.name ?? '').trim() });
      }
    }
  };
  for (const object of list) walk(object.value);
  return result;
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): MailAddress | null {
  return addresses(value)[0] ?? null;
}

function messageIdList(value: string | string[] | undefined): string[] {
  const raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
  // Some clients put several ids in one header value; split on the angle brackets.
  const ids = raw.flatMap((entry) => entry.match(/<[^<>\s]+>/g) ?? entry.split(/\s+/));
  return ids.map(normaliseMessageId).filter((id): id is string => id !== null);
}

function headerValues(parsed: ParsedMail, name: string): string[] {
  return parsed.headerLines
    .filter((line) => line.key === name)
    .map((line) => line.line.slice(line.line.indexOf(':') + 1).trim());
}

/** Which body parts declare UTF-7 (in the raw header sections). */
function declaredUtf7Parts(raw: Buffer): { text: boolean; html: boolean; hasPlainPart: boolean } {
  const source = raw.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const hasPlainPart = /^content-type:\s*text\/plain/im.test(source);
  const matches = [...source.matchAll(/^content-type:\s*text\/(plain|html)\s*;[^\n]*charset\s*=\s*"?(?:unicode-1-1-)?utf-?7"?/gim)];
  return {
    text: matches.some((m) => m[1]?.toLowerCase() === 'plain'),
    html: matches.some((m) => m[1]?.toLowerCase() === 'html'),
    hasPlainPart,
  };
}

/** RFC 2047 encoded words in UTF-7 that the header decoder left alone. */
function decodeUtf7Words(value: string): string {
  return value.replace(/=\?utf-7\?([qb])\?([^?]*)\?=/gi, (_whole, encoding: string, payload: string) => {
    const bytes = encoding.toLowerCase() === 'b'
      ? Buffer.from(payload, 'base64')
      : Buffer.from(payload.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return iconv.decode(bytes, 'utf-7');
  });
}

/** Plain text from sanitised HTML, for mail whose only body is HTML and whose text mailparser left empty. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
