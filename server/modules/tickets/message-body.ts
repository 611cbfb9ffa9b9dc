import sanitizeHtml from 'sanitize-html';

/**
 * Message bodies arrive as HTML (the web editor, mail) or plain text (API, phone notes). Both are
 * hostile input: we keep an allow-list of formatting, drop scripts, event handlers and foreign URLs
 * schemes, and derive the plain text used by search, mail and previews.
 */
const allowList: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'sub', 'sup', 'small',
    'blockquote', 'pre', 'code', 'hr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Inline mail images are referenced as cid:…; they are served as attachments, never fetched.
  allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
  allowProtocolRelative: false,
  // Links leave the desk without handing it the page (reverse tabnabbing) or the referrer.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
};
// `rel` and `target` are added by the transform, so they must be allowed on the way out.
allowList.allowedAttributes = { ...(allowList.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel', 'target'] };

const looksLikeHtml = /<\/?[a-z][\s\S]*>/i;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text becomes paragraphs; line breaks are kept. */
function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return entities[name] ?? String.fromCodePoint(parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** Plain text of sanitised HTML: block ends become line breaks, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    // Paragraph-like blocks end with a blank line, list items and rows with a line break.
    .replace(/<\/(p|h[1-6]|blockquote|pre|table)>/gi, '\n\n')
    .replace(/<\/(div|li|tr|dt|dd)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ');
  const stripped = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(stripped)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface MessageBody {
  html: string;
  text: string;
}

/** The one way a message body enters the database. */
export function prepareMessageBody(input: string): MessageBody {
  const html = looksLikeHtml.test(input) ? sanitizeHtml(input, allowList).trim() : textToHtml(input);
  return { html, text: htmlToText(html) };
}
