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

/** Every word must occur, each as a prefix (search as you type): `"print"* "jam"*`. */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' ');
}

/** The same for PostgreSQL: `print:* & jam:*` (terms are letters and digits only, so nothing to escape). */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((term) => `${term}:*`).join(' & ');
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
  const prefixes = terms.map(fold);
  const words = [...body.matchAll(wordPattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: prefixes.some((p) => fold(m[0]).startsWith(p)) }));
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
