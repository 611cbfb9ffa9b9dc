/**
 * Which ticket a mail belongs to. RFC 5322 §3.6.4: In-Reply-To and References name the messages a
 * reply answers; when one of them is a Message-ID we sent or received for a ticket, that is the
 * ticket. Clients that drop those headers still keep the subject, hence the `[#1042]` tag second.
 */
export type ThreadMatch =
  | { by: 'message_id'; ticketId: number; messageId: string }
  | { by: 'subject_ref'; ref: number }
  | { by: 'none' };

/** `[#1042]` anywhere in the subject; the last one wins, since forwards prepend older tags. */
export function subjectTicketRef(subject: string): number | null {
  const matches = [...subject.matchAll(/\[#(\d{1,12})\]/g)];
  const last = matches.at(-1);
  if (!last?.[1]) return null;
  const ref = Number(last[1]);
  return Number.isSafeInteger(ref) ? ref : null;
}

/**
 * The subject of a ticket a mail opens, without `[#1042]` tags: a tag that did not thread the mail names a ticket its
 * sender is not on (or none), and left in place it would be the last tag of every reply, pointing them there too.
 */
export function withoutTicketTags(subject: string): string {
  return subject.replace(/\s*\[#\d{1,12}\]/g, '').trim();
}

/** Message-IDs a reply points at, nearest first: In-Reply-To, then References from the newest end. */
export function threadCandidates(inReplyTo: string[], references: string[]): string[] {
  const ordered = [...inReplyTo, ...[...references].reverse()];
  return [...new Set(ordered.map(normaliseMessageId).filter((id): id is string => id !== null))];
}

/** `<abc@host>` → `abc@host`; null for anything that is not a message id at all. */
export function normaliseMessageId(value: string): string | null {
  const trimmed = value.trim().replace(/^<|>$/g, '').trim();
  return trimmed.length > 0 && trimmed.length <= 998 && !/\s/.test(trimmed) ? trimmed : null;
}

/**
 * Decides the thread given a lookup of known Message-IDs (ours and those we received).
 * The lookup is injected so this stays pure: the service passes a batched query.
 */
export function resolveThread(
  candidates: string[],
  knownMessageIds: ReadonlyMap<string, number>,
  subject: string,
): ThreadMatch {
  for (const messageId of candidates) {
    const ticketId = knownMessageIds.get(messageId);
    if (ticketId !== undefined) return { by: 'message_id', ticketId, messageId };
  }
  const ref = subjectTicketRef(subject);
  return ref === null ? { by: 'none' } : { by: 'subject_ref', ref };
}
