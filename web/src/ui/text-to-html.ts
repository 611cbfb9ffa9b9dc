const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text typed in a composer → paragraphs and line breaks, escaped, so it reads as written. */
export function textToHtml(text: string): string {
  const escaped = text.trim().replace(/[&<>"']/g, (c) => escapes[c] ?? c);
  return escaped
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('');
}
