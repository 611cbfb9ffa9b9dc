/**
 * Filling a notification template, shared by the server that sends it and the admin screen that previews it, so the
 * preview is exactly what goes out.
 */

/** A notification's wording. `{{name}}` is replaced by a variable; in HTML the value is escaped. */
export interface TemplateText {
  subject: string;
  bodyText: string;
  bodyHtml: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Fills `{{name}}` (escaped in HTML) and `{{{name}}}` (already sanitised HTML, inserted as is).
 * Unknown names become empty: a typo in an admin's template must not leak template syntax to requesters.
 */
export function renderTemplate(template: TemplateText, variables: Record<string, string>): TemplateText {
  const fill = (text: string, html: boolean) =>
    text
      .replace(/\{\{\{\s*([a-zA-Z]+)\s*\}\}\}/g, (_m, name: string) => (html ? (variables[name] ?? '') : escapeHtml(variables[name] ?? '')))
      .replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (_m, name: string) => (html ? escapeHtml(variables[name] ?? '') : (variables[name] ?? '')));
  return {
    // Headers are one line: a newline in a subject is a header injection.
    subject: fill(template.subject, false).replace(/[\r\n]+/g, ' ').trim(),
    bodyText: fill(template.bodyText, false),
    bodyHtml: fill(template.bodyHtml, true),
  };
}

/**
 * Placeholders in an admin's text that will not be filled as meant, each as written, once: a name the mail has no
 * value for (`{{ticketNumber}}`, sent as nothing) and braces around something that is not a name at all
 * (`{{ticket_ref}}`, sent as typed). Saving refuses both; the editor warns as the admin types.
 */
export function placeholderProblems(text: string, allowed: readonly string[]): { unknown: string[]; malformed: string[] } {
  const unknown = new Set<string>();
  const malformed = new Set<string>();
  for (const match of text.matchAll(/\{\{\{?([^{}]*)\}?\}\}/g)) {
    const name = (match[1] ?? '').trim();
    if (!/^[a-zA-Z]+$/.test(name)) malformed.add(match[0]);
    else if (!allowed.includes(name)) unknown.add(match[0]);
  }
  return { unknown: [...unknown], malformed: [...malformed] };
}
