/**
 * Cuts quoted history and signatures from a reply so the ticket shows what the person wrote now.
 * Heuristics by nature: each pattern below is what a named client writes. The full original is kept
 * elsewhere (the raw message), so a wrong cut hides text from the conversation view but never loses it.
 */
export interface StrippedReply {
  text: string;
  stripped: boolean;
}

// "On Tue, 3 Nov 2026 at 10:00, Ann <ann@example.com> wrote:" (Gmail, Apple Mail, Thunderbird) and
// the same line in the languages where clients translate it.
const attributionLine = new RegExp(
  [
    '^(on|am|le|el|op|il|em|w dniu|den|på|dne|el día)\\s.{4,300}\\s(wrote|schrieb|a écrit|escribió|schreef|ha scritto|escreveu|pisze|skrev|napsal\\(a\\)|napsal|kirjoitti)\\s?:$',
    // German and Dutch put the verb before the name: "Am Mo., 23. Nov. 2026 um 10:05 Uhr schrieb Ann <…>:".
    '^(am|op)\\s.{4,300}\\s(schrieb|schreef)\\s.{1,300}:$',
    '^.{4,300}\\s(пишет|написал|написала)\\s?:$',
    '^\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}.{0,120}(wrote|のメッセージ|写道)\\s?[:：]$',
  ].join('|'),
  'iu',
);
// "-----Original Message-----" (Outlook plain text, Lotus) and translations; Thunderbird's "-------- Original Message --------".
const originalMessageSeparator =
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|mensagem original|původní zpráva|oryginalna wiadomość|исходное сообщение|alkuperäinen viesti|opprinnelig melding|ursprungligt meddelande)\s*-{2,}$/iu;
// Outlook (desktop and web) writes a header block instead: a rule line, then From:/Sent:.
const outlookRule = /^(_{10,}|-{10,})$/;
const headerBlockFrom = /^\*?(from|von|de|van|da|fra|från|od|от|lähettäjä)\s?:\*?\s/iu;
const headerBlockSent = /^\*?(sent|date|gesendet|datum|envoyé|enviado|fecha|verzonden|inviato|data|sendt|skickat|odesláno|отправлено|lähetetty)\s?:\*?\s/iu;
const forwardMarker = /^(-{5,}\s*forwarded message\s*-{5,}|begin forwarded message:|-{5,}\s*weitergeleitete nachricht\s*-{5,}|-{5,}\s*message transféré\s*-{5,})/iu;
// RFC 3676 §4.3 signature separator "-- ", and the footers phones add.
const signatureSeparator = /^-- ?$/;
const deviceFooter =
  /^(sent from my (iphone|ipad|android|phone|mobile|samsung.*)|sent from (mail|outlook) for (windows|ios|android).*|get outlook for (ios|android)|von meinem (iphone|ipad|smartphone) gesendet|envoyé de mon (iphone|ipad)|enviado desde mi (iphone|ipad))\s*$/iu;

export function stripQuotedHistory(text: string): StrippedReply {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = findHistoryStart(lines);
  cut = findSignatureStart(lines, cut);
  const kept = lines.slice(0, cut).join('\n').replace(/\s+$/, '');
  // A mail that is nothing but a quote (or a forward) keeps everything: the cut would show nothing.
  if (kept.trim().length === 0 || cut >= lines.length) return { text: text.replace(/\s+$/, ''), stripped: false };
  return { text: kept, stripped: true };
}

function findHistoryStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (forwardMarker.test(line)) return lines.length;
    if (originalMessageSeparator.test(line)) return i;
    if (outlookRule.test(line) && nextNonBlank(lines, i + 1, headerBlockFrom)) return i;
    if (headerBlockFrom.test(line) && nextNonBlank(lines, i + 1, headerBlockSent)) return i;
    // Attribution lines wrap: Gmail breaks before the address, so try up to three lines joined.
    for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
      const joined = lines.slice(i, i + span).map((l) => l.trim()).join(' ');
      if (attributionLine.test(joined) && quoteFollows(lines, i + span)) return i;
    }
    if (line.startsWith('>') && onlyQuotesFollow(lines, i)) return i;
  }
  return lines.length;
}

function nextNonBlank(lines: string[], from: number, pattern: RegExp): boolean {
  for (let i = from; i < Math.min(lines.length, from + 3); i++) {
    const line = (lines[i] ?? '').trim();
    if (line) return pattern.test(line);
  }
  return false;
}

// An attribution is history only when something follows it (HTML-derived text has no '>' marks).
function quoteFollows(lines: string[], from: number): boolean {
  return lines.slice(from).some((l) => l.trim().length > 0);
}

// Bottom-posted or interleaved answers keep their quotes: only a trailing quote block is history.
function onlyQuotesFollow(lines: string[], from: number): boolean {
  return lines.slice(from).every((l) => {
    const t = l.trim();
    return t === '' || t.startsWith('>') || signatureSeparator.test(t) || deviceFooter.test(t);
  });
}

function findSignatureStart(lines: string[], end: number): number {
  let cut = end;
  // Phone footers at the very end.
  for (let i = cut - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (deviceFooter.test(line)) cut = i;
    break;
  }
  // The last "-- " line within the final 15 lines starts the signature.
  for (let i = cut - 1; i >= Math.max(0, cut - 15); i--) {
    if (signatureSeparator.test(lines[i] ?? '')) return i;
  }
  return cut;
}
