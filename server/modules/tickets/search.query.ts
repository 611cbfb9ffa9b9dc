import type { TicketScope } from '../identity/index.js';

/**
 * Turning what people type into a full-text query, and the database's highlighted fragments into safe
 * HTML. Pure functions: the same words mean the same thing on SQLite FTS5 and PostgreSQL tsquery.
 */

/** Words only: FTS5 and tsquery operators typed by a user (quotes, NEAR, :*, &, |, !) never reach the engine. */
const wordPattern = /[\p{L}\p{N}]+/gu;
const maxTerms = 12;

export function searchTerms(text: string): string[] {
  const terms = (text.toLowerCase().match(wordPattern) ?? []).slice(0, maxTerms);
  return [...new Set(terms)];
}

/**
 * Who may find a search document, as words the full-text index holds beside its text: the ticket's team (`t7`),
 * assignee (`a12`), requester (`r40`) and organisation (`o3`), and `pub` when the text is not internal. A search then
 * asks the index for the caller's keys along with the terms, so the newest matches it returns are ones the caller
 * may see (the SQL visibility filter still applies after it: the keys narrow, they never grant). Without them an agent
 * searching a word that only other teams' tickets hold had every match of the desk ranked and thrown away.
 */
export interface ScopedTicket {
  teamId: number | null;
  assigneeId: number | null;
  requesterId: number;
  organizationId: number | null;
}

export function documentScope(ticket: ScopedTicket, isInternal: boolean): string {
  const keys = [ticket.teamId !== null ? `t${ticket.teamId}` : null, ticket.assigneeId !== null ? `a${ticket.assigneeId}` : null, `r${ticket.requesterId}`];
  if (ticket.organizationId !== null) keys.push(`o${ticket.organizationId}`);
  if (!isInternal) keys.push('pub');
  return keys.filter((key) => key !== null).join(' ');
}

/** The keys a caller's documents carry (any of them), and whether only public text counts; null: every document. */
export function scopeKeys(scope: TicketScope): { anyOf: string[] | null; publicOnly: boolean } {
  switch (scope.kind) {
    case 'all':
      return { anyOf: null, publicOnly: !scope.seesInternalNotes };
    case 'teams':
      return { anyOf: [...scope.teamIds.map((id) => `t${id}`), `a${scope.assigneeId}`], publicOnly: !scope.seesInternalNotes };
    case 'requester':
      return { anyOf: [`r${scope.requesterId}`, ...(scope.organizationId !== null ? [`o${scope.organizationId}`] : [])], publicOnly: true };
    case 'none':
      return { anyOf: [], publicOnly: true };
  }
}

/**
 * Every word must occur in the text; the last one as a prefix, since it may be the word still being typed
 * (`body : ("printer" "ja"*)`). Earlier words are whole: expanding each into every word it starts ("account" into
 * accounts, accounting…) read and merged all their lists, which on a desk of a million tickets cost more than the
 * rest of the search together, for matches people seldom mean. With a scope, the document must also carry one of
 * the caller's keys (and `pub` for those who do not see notes).
 */
export function fts5Query(terms: readonly string[], scope?: TicketScope, lastWord: 'prefix' | 'whole' = 'prefix'): string {
  const words = terms.map((term, index) => `"${term.replaceAll('"', '""')}"${lastWord === 'prefix' && isTyped(terms, index) ? '*' : ''}`);
  const text = `body : (${words.join(' ')})`;
  if (!scope) return text;
  const { anyOf, publicOnly } = scopeKeys(scope);
  const parts = [text];
  // No keys at all (a caller who sees nothing): a key no document carries.
  if (anyOf) parts.push(`scope : (${(anyOf.length > 0 ? anyOf : ['none']).map((key) => `"${key}"`).join(' OR ')})`);
  if (publicOnly) parts.push('scope : "pub"');
  return parts.join(' AND ');
}

/** The last word is matched as a prefix (the one being typed), the others whole. */
function isTyped(terms: readonly string[], index: number): boolean {
  return index === terms.length - 1;
}

/** The same for PostgreSQL: `printer & ja:*` (terms are letters and digits only, so nothing to escape). */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((term, index) => (isTyped(terms, index) ? `${term}:*` : term)).join(' & ');
}

/**
 * PostgreSQL keeps the scope keys in the same tsvector as the text, each behind a `§`, which the text parser never
 * puts in a word: `'§t7' | '§a12'`, with `& '§pub'` for those who do not see notes. Null: no condition.
 */
export const pgScopeMark = '§';
export function tsScopeQuery(scope: TicketScope): string | null {
  const { anyOf, publicOnly } = scopeKeys(scope);
  const parts: string[] = [];
  if (anyOf) parts.push(`(${(anyOf.length > 0 ? anyOf : ['none']).map((key) => `'${pgScopeMark}${key}'`).join(' | ')})`);
  if (publicOnly) parts.push(`'${pgScopeMark}pub'`);
  return parts.length > 0 ? parts.join(' & ') : null;
}

/**
 * PostgreSQL: documents last changed lately, by the recency lexemes in their tsvector (migration
 * 2026-12-03T1600): the last three months as month lexemes, or this year and the last as year lexemes (an OR of two
 * years costs less than one of twenty-four months).
 */
export type RecencyWindow = 'quarter' | 'two years';
export function pgRecencyQuery(now: Date, window: RecencyWindow): string {
  const year = now.getUTCFullYear();
  const month = year * 12 + now.getUTCMonth();
  const lexemes = window === 'quarter' ? [month, month - 1, month - 2].map((m) => `m${m}`) : [`y${year}`, `y${year - 1}`];
  return lexemes.map((lexeme) => `'${pgScopeMark}${lexeme}'`).join(' | ');
}

/**
 * The database wraps matches in these private-use characters (which never occur in text people type),
 * so that the fragment can be HTML-escaped first and the marks added after: a message containing
 * `<script>` is shown as text, never as markup.
 */
export const markStart = '\uE000';
export const markEnd = '\uE001';

/** Case and accents folded as FTS5's unicode61 tokenizer (remove_diacritics 2) folds them. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The fragment of `body` around its first match, up to `maxWords` words, matched words between the marks and
 * "…" where it was cut: what FTS5's snippet() returns, computed from the one document's text. (snippet() needs
 * the MATCH to run, and FTS5 then reads the whole doclist of every term, which grows with the desk.)
 */
export function snippetOf(body: string, terms: readonly string[], maxWords = 24): string {
  const folded = terms.map(fold);
  const matches = (word: string) => folded.some((term, index) => (isTyped(folded, index) ? word.startsWith(term) : word === term));
  const words = [...body.matchAll(wordPattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: matches(fold(m[0])) }));
  if (words.length === 0) return body;
  const firstHit = Math.max(0, words.findIndex((word) => word.hit));
  // A little context before the first match, as snippet() gives.
  const from = Math.max(0, Math.min(firstHit - 3, words.length - maxWords));
  const to = Math.min(words.length, from + maxWords);
  let text = from > 0 ? '…' : '';
  let position = from > 0 ? words[from]!.start : 0;
  for (let index = from; index < to; index++) {
    const word = words[index]!;
    text += body.slice(position, word.start);
    text += word.hit ? `${markStart}${body.slice(word.start, word.end)}${markEnd}` : body.slice(word.start, word.end);
    position = word.end;
  }
  text += to < words.length ? '…' : body.slice(position);
  return text;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function highlightToHtml(fragment: string): string {
  return escapeHtml(fragment.replace(/\s+/g, ' ').trim()).replaceAll(markStart, '<mark>').replaceAll(markEnd, '</mark>');
}

/** Subjects count double: a word in the title says more about a ticket than one in a long thread. */
export const sourceWeight: Record<'subject' | 'message' | 'attachment', number> = { subject: 2, message: 1, attachment: 1 };
