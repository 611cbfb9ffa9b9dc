import type { InboundAttachment, InboundMessage, MailAddress } from './inbound-message.js';

/**
 * A mail an agent forwarded to the desk ("can you take this one?"): who originally wrote it, what they wrote, and
 * the agent's own words above it. People write to their IT contact directly all the time; forwarding the mail to
 * the desk should open the ticket for the person who has the problem, not for the agent.
 *
 * Two shapes, both with a forward subject ("Fwd:", "FW:", "WG:"…):
 * - inline: recognised in the text mail clients put in a forward: a marker line (Gmail, Thunderbird, Apple Mail,
 *   Outlook's rule or "Original Message", in English, German, French and Spanish) followed within a few lines by the
 *   original From header in one of its usual shapes: `Name <addr>`, `Name [mailto:addr]`, `"Name" addr` or a bare
 *   address;
 * - as an attachment (Outlook's and Thunderbird's "Forward as attachment"): the original is the one message/rfc822
 *   part, parsed as a mail of its own. Several attached mails name no single person with the problem, so such a
 *   mail stays an ordinary one.
 */
export interface ForwardedOriginal {
  from: MailAddress;
  /** The original message's text, below its header block. */
  text: string;
  /** What the forwarding person wrote above the forward; empty when nothing. */
  note: string;
}

const forwardSubject = /^\s*(fwd?|fw|wg|tr|rv|enc)\s*:/i;

const markers = [
  /^-{2,}\s*(forwarded message|weitergeleitete nachricht|message transf[ée]r[ée]|mensaje reenviado|original message|urspr[üu]ngliche nachricht|message d'origine|mensaje original)\s*-{2,}\s*$/i,
  /^begin forwarded message:\s*$/i,
  /^anfang der weitergeleiteten nachricht:\s*$/i,
  /^d[ée]but du message r[ée]exp[ée]di[ée]\s*:\s*$/i,
  /^_{10,}\s*$/,
];

const fromHeader = /^\s*\*?(from|von|de|da)\s*:\*?\s*(.+)$/i;
const address = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/;

/** What a forward opens a ticket with, whichever way the original travelled. */
export interface Forward {
  from: MailAddress;
  subject: string;
  /** The original's words: text, or sanitised HTML for an attached original that had some. */
  body: string;
  /** What the forwarding person wrote; empty when nothing. */
  note: string;
  /** Files for the original's message: its own (an attached original's), or the forwarding mail's. */
  attachments: InboundAttachment[];
}

/** The forward in a mail, inline first (an attached .eml below an inline forward belongs to the original). */
export function forwardIn(message: InboundMessage, attachedOriginal: InboundMessage | null): Forward | null {
  const inline = forwardedOriginal(message.subject, message.text);
  if (inline) {
    const body = inline.text || message.text;
    return { from: inline.from, subject: withoutForwardPrefix(message.subject), body, note: inline.note, attachments: message.attachments };
  }
  const part = attachedForwardPart(message);
  if (!part || !attachedOriginal?.from) return null;
  return {
    from: attachedOriginal.from,
    subject: attachedOriginal.subject || withoutForwardPrefix(message.subject),
    body: attachedOriginal.html ?? attachedOriginal.text,
    note: message.text.trim(),
    // The attached mail itself is not kept as a file: it is the ticket's first message, and the raw mail is kept.
    attachments: [...attachedOriginal.attachments, ...message.attachments.filter((attachment) => attachment !== part)],
  };
}

/** The message/rfc822 part of a forward sent as an attachment, to be parsed before intake; null for other mail. */
export function attachedForwardPart(message: InboundMessage): InboundAttachment | null {
  if (message.noise || !forwardSubject.test(message.subject)) return null;
  const mails = message.attachments.filter((attachment) => !attachment.isInline && /^message\/rfc822$/i.test(attachment.contentType));
  return mails.length === 1 ? mails[0]! : null;
}

/** "Fwd: Printer" → "Printer": the ticket is about the forwarded mail, not the forwarding. */
export function withoutForwardPrefix(subject: string): string {
  let result = subject;
  while (forwardSubject.test(result)) result = result.replace(forwardSubject, '');
  return result.trim() || subject.trim();
}

/** The forwarded original in `text`, when `subject` says forward and the text holds its header block; else null. */
export function forwardedOriginal(subject: string, text: string): ForwardedOriginal | null {
  if (!forwardSubject.test(subject)) return null;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!markers.some((marker) => marker.test(lines[index]!.trim()))) continue;
    // The original's header block: the From line within the next few lines, then up to the first blank line.
    for (let header = index + 1; header < Math.min(lines.length, index + 8); header++) {
      const from = fromHeader.exec(lines[header]!);
      if (!from) continue;
      const sender = parseSender(from[2]!);
      if (!sender) return null;
      let body = header + 1;
      while (body < lines.length && lines[body]!.trim() !== '') body++;
      return {
        from: sender,
        text: lines.slice(body).join('\n').trim(),
        note: lines.slice(0, index).join('\n').trim(),
      };
    }
  }
  return null;
}

function parseSender(value: string): MailAddress | null {
  const found = address.exec(value);
  if (!found) return null;
  const name = value
    .slice(0, found.index)
    .replace(/[<[(]\s*(mailto:)?\s*$/i, '')
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .trim();
  return { address: found[0].toLowerCase(), name };
}
