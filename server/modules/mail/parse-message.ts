import crypto from 'node:crypto';
import iconv from 'iconv-lite';
import type * as MailparserLibrary from 'mailparser';
import type { AddressObject, Attachment, ParsedMail } from 'mailparser';
import type { InboundAttachment, InboundMessage, MailAddress } from './inbound-message.js';
import { sanitizeMailHtml } from './mail-html.js';
import { detectNoise } from './noise-detection.js';
import { stripQuotedHistory } from './quote-stripping.js';
import { normaliseMessageId, subjectTicketRef } from './threading.js';

export interface ParseOptions {
  /** SMTP MAIL FROM when known ('' for the null reverse-path of bounces). */
  envelopeSender?: string | null;
}

/** The MIME parser loads with the first mail: an idle desk that gets none does not hold it in memory. */
let mimeParserLibrary: Promise<typeof MailparserLibrary> | undefined;
const mimeParser = () => (mimeParserLibrary ??= import('mailparser'));

/** A message whose structure cannot be read at all: it goes to the failed-mail list with this reason. */
export class UnparseableMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnparseableMailError';
  }
}

/**
 * Decodes a raw RFC 5322 message (any charset mailparser knows, plus UTF-7) into the desk's shape.
 *
 * Two repairs for what real mail does: 8-bit text sent without a charset or labelled UTF-8 while it is not (old
 * clients, scripts, scanners) is read again as windows-1252 where UTF-8 failed, so "Café" does not come out as
 * "Caf\uFFFD"; and the NUL character, which no text means and PostgreSQL cannot store, is dropped.
 */
export async function parseRawMessage(raw: Buffer, options: ParseOptions = {}): Promise<InboundMessage> {
  const message = await parseOnce(raw, options);
  const damaged = replacementCharacters(message);
  if (damaged === 0) return message;
  const repaired = windows1252WhereNotUtf8(raw);
  if (repaired === null) return message;
  const second = await parseOnce(repaired, options);
  // Only the text is taken from the second reading: 8-bit attachments keep their bytes as sent.
  return replacementCharacters(second) < damaged ? { ...second, attachments: message.attachments } : message;
}

function replacementCharacters(message: InboundMessage): number {
  const count = (text: string | null | undefined) => (text ? text.split('\uFFFD').length - 1 : 0);
  return count(message.subject) + count(message.text) + count(message.html) + count(message.from?.name);
}

/** windows-1252 for the bytes 0x80–0xFF, as UTF-8. */
const windows1252 = Array.from({ length: 128 }, (_, index) => Buffer.from(iconv.decode(Buffer.from([0x80 + index]), 'win1252'), 'utf8'));

/** Length of the valid UTF-8 sequence starting at `index`, or 0 when the byte there does not start one. */
function utf8SequenceAt(raw: Buffer, index: number): number {
  const lead = raw[index]!;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || index + length > raw.length) return 0;
  for (let next = 1; next < length; next++) if ((raw[index + next]! & 0xc0) !== 0x80) return 0;
  return length;
}

/** The message with every byte that is not part of valid UTF-8 replaced by its windows-1252 character; null if none. */
function windows1252WhereNotUtf8(raw: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let copiedUpTo = 0;
  for (let index = 0; index < raw.length; ) {
    if (raw[index]! < 0x80) {
      index++;
      continue;
    }
    const length = utf8SequenceAt(raw, index);
    if (length > 0) {
      index += length;
      continue;
    }
    parts.push(raw.subarray(copiedUpTo, index), windows1252[raw[index]! - 0x80]!);
    index++;
    copiedUpTo = index;
  }
  if (parts.length === 0) return null;
  parts.push(raw.subarray(copiedUpTo));
  return Buffer.concat(parts);
}

/** No text means the NUL character, and PostgreSQL cannot store it. */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

async function parseOnce(raw: Buffer, options: ParseOptions): Promise<InboundMessage> {
  let parsed: ParsedMail;
  try {
    // keepCidLinks: inline images stay attachments referenced by cid:, not data: URLs in the HTML.
    parsed = await (await mimeParser()).simpleParser(raw, { keepCidLinks: true });
  } catch (error) {
    throw new UnparseableMailError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.headers.size === 0 && raw.length > 0) throw new UnparseableMailError('no header section');

  const utf7 = declaredUtf7Parts(raw);
  let text = withoutNul(parsed.text ?? '');
  let html = typeof parsed.html === 'string' ? withoutNul(parsed.html) : null;
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

  const subject = withoutNul(decodeUtf7Words(parsed.subject ?? '')).replace(/\s+/g, ' ').trim();
  const from = firstAddress(parsed.from) ?? senderWithoutFrom(parsed, options.envelopeSender ?? null);
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
  if (contentType === 'text/calendar') return 'invite.ics';
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
        result.push({ address: withoutNul(entry.address).trim().toLowerCase(), name: withoutNul(decodeUtf7Words(entry.name ?? '')).trim() });
      }
    }
  };
  for (const object of list) walk(object.value);
  return result;
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): MailAddress | null {
  return addresses(value)[0] ?? null;
}

/**
 * Who sent a message that has no From: scripts, scanners and monitoring tools send such mail, and MTAs that would
 * add the header do not always. The Sender header, else the envelope sender (SMTP MAIL FROM, or the Return-Path the
 * delivering server wrote for mail read over IMAP). The null reverse-path of a bounce names nobody.
 */
function senderWithoutFrom(parsed: ParsedMail, envelopeSender: string | null): MailAddress | null {
  const named = firstAddress(parsed.headers.get('sender') as AddressObject | undefined);
  if (named) return named;
  if (envelopeSender) return envelopeSender.includes('@') ? { address: withoutNul(envelopeSender).trim().toLowerCase(), name: '' } : null;
  return firstAddress(parsed.headers.get('return-path') as AddressObject | undefined);
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
