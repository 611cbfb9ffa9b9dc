import { escapeHtml } from '../../../../../shared/mail-template-text';
import type { MailTemplateKey } from '../../../../../shared/schemas/mail';
import { isMessageKey, t, type MessageKey } from '../../../i18n/translate';

/** The three parts of a template an admin edits. */
export type TemplateField = 'subject' | 'bodyText' | 'bodyHtml';
export type TemplateDraft = Record<TemplateField, string>;
export const templateFields: readonly TemplateField[] = ['subject', 'bodyText', 'bodyHtml'];

/** The longest text the server takes for each part (MailTemplateInputSchema in shared/schemas/mail.ts). */
export const templateFieldMaxLength: Record<TemplateField, number> = {
  subject: 500,
  bodyText: 100_000,
  bodyHtml: 200_000,
};

/** Which group each template is listed in, in list order; a Record, so a new template fails the typecheck until placed. */
const templateGroupOf: Record<MailTemplateKey, 'tickets' | 'account'> = {
  ticket_received: 'tickets',
  agent_reply: 'tickets',
  requester_reply: 'tickets',
  ticket_resolved: 'tickets',
  ticket_assigned: 'tickets',
  team_new_ticket: 'tickets',
  sla_warning: 'tickets',
  password_reset: 'account',
  magic_link: 'account',
  invitation: 'account',
};
const listOrder = Object.keys(templateGroupOf);

/** The list's groups: what a ticket triggers, then what signing in needs. */
export const templateGroups: { id: 'tickets' | 'account'; labelKey: MessageKey }[] = [
  { id: 'tickets', labelKey: 'admin.mailTemplates.group.tickets' },
  { id: 'account', labelKey: 'admin.mailTemplates.group.account' },
];

export function templatesIn<T extends { key: MailTemplateKey }>(
  group: 'tickets' | 'account',
  templates: readonly T[],
): T[] {
  return templates
    .filter((template) => templateGroupOf[template.key] === group)
    .sort((a, b) => listOrder.indexOf(a.key) - listOrder.indexOf(b.key));
}

export const templateName = (key: MailTemplateKey): string => t(`admin.mailTemplates.name.${key}`);
export const templateWhen = (key: MailTemplateKey): string => t(`admin.mailTemplates.when.${key}`);

/** What a variable holds, in words; empty for a variable this screen does not know yet. */
export function variableMeaning(name: string): string {
  const key = `admin.mailTemplates.variable.${name}`;
  return isMessageKey(key) ? t(key) : '';
}

/**
 * The placeholder a variable chip inserts. `{{name}}` is escaped in the HTML body; an HTML variable
 * (messageHtml, already sanitised by the server) goes into the HTML body as `{{{name}}}` so its
 * formatting survives instead of showing as tags.
 */
export function placeholderFor(name: string, field: TemplateField): string {
  return field === 'bodyHtml' && name.endsWith('Html') ? `{{{${name}}}}` : `{{${name}}}`;
}

/** Sample values that read like a real mail, chosen per template so that the recipient is the right kind of person. */
export function sampleValues(
  key: MailTemplateKey,
  context: { origin: string; deskName: string },
): Record<string, string> {
  const requester = t('admin.mailTemplates.sample.requesterName');
  const agent = t('admin.mailTemplates.sample.agentName');
  const recipient =
    key === 'ticket_assigned' || key === 'team_new_ticket' || key === 'requester_reply'
      ? agent
      : key === 'sla_warning'
        ? t('admin.mailTemplates.sample.leadName')
        : requester;
  const linkPath = key === 'magic_link' ? '/sign-in/link' : '/reset-password';
  return {
    ticketRef: '1042',
    ticketSubject: t('admin.mailTemplates.sample.ticketSubject'),
    ticketUrl: `${context.origin}/tickets/1042`,
    recipientName: recipient,
    requesterName: requester,
    deskName: context.deskName,
    messageText:
      key === 'team_new_ticket' || key === 'requester_reply'
        ? t('admin.mailTemplates.sample.firstMessage')
        : t('admin.mailTemplates.sample.replyText'),
    messageHtml: key === 'requester_reply' ? `<p>${t('admin.mailTemplates.sample.firstMessage')}</p>` : t('admin.mailTemplates.sample.replyHtml'),
    authorName: key === 'requester_reply' ? requester : agent,
    assigneeName: agent,
    teamName: t('admin.mailTemplates.sample.teamName'),
    // As the server words them: the target in words and the due time in UTC.
    metric: t('admin.mailTemplates.sample.metric'),
    dueAt: 'Mon, 30 Mar 2026, 14:00 UTC',
    link: `${context.origin}${linkPath}?token=q7Xk2mP9vR4tLw8s`,
  };
}

/**
 * The HTML body as a document of its own for a sandboxed frame. The frame runs nothing and reaches
 * nothing of this page; links open nowhere (a sandbox without allow-popups), so a click cannot leave.
 */
export function previewDocument(bodyHtml: string, lang: string): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><base target="_blank"><style>body{margin:12px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#fff;overflow-wrap:anywhere}img{max-width:100%}</style></head><body>${bodyHtml}</body></html>`;
}
