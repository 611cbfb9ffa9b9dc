import type { TemplateText } from '../../../shared/mail-template-text.js';
import type { MailTemplateKey } from '../../../shared/schemas/mail.js';

export { renderTemplate, type TemplateText } from '../../../shared/mail-template-text.js';

const ticketVariables = ['ticketRef', 'ticketSubject', 'ticketUrl', 'recipientName', 'requesterName', 'deskName'];

export const templateVariables: Record<MailTemplateKey, string[]> = {
  ticket_received: [...ticketVariables],
  agent_reply: [...ticketVariables, 'messageText', 'messageHtml', 'authorName'],
  requester_reply: [...ticketVariables, 'messageText', 'messageHtml', 'authorName'],
  ticket_resolved: [...ticketVariables],
  ticket_assigned: [...ticketVariables, 'assigneeName'],
  team_new_ticket: [...ticketVariables, 'teamName', 'messageText'],
  sla_warning: [...ticketVariables, 'metric', 'dueAt'],
  password_reset: ['recipientName', 'link', 'deskName'],
  magic_link: ['recipientName', 'link', 'deskName'],
  invitation: ['recipientName', 'link', 'deskName'],
};

// The subject keeps "[#1042]": mail clients that drop In-Reply-To still thread back by it.
const tag = '[#{{ticketRef}}] {{ticketSubject}}';

export const defaultTemplates: Record<MailTemplateKey, TemplateText> = {
  ticket_received: {
    subject: tag,
    bodyText: 'Hello {{recipientName}},\n\nwe have received your request and logged it as #{{ticketRef}}. We will get back to you.\nReply to this mail to add anything.\n\n{{ticketUrl}}\n\n{{deskName}}',
    bodyHtml: '<p>Hello {{recipientName}},</p><p>we have received your request and logged it as <b>#{{ticketRef}}</b>. We will get back to you. Reply to this mail to add anything.</p><p><a href="{{ticketUrl}}">View your request</a></p><p>{{deskName}}</p>',
  },
  agent_reply: {
    subject: 'Re: ' + tag,
    bodyText: '{{messageText}}\n\n--\n{{authorName}}, {{deskName}}\n{{ticketUrl}}',
    bodyHtml: '<div>{{{messageHtml}}}</div><p>--<br>{{authorName}}, {{deskName}}<br><a href="{{ticketUrl}}">#{{ticketRef}}</a></p>',
  },
  requester_reply: {
    subject: 'Reply from {{authorName}}: ' + tag,
    bodyText: '{{authorName}} wrote on #{{ticketRef}}, which is assigned to you:\n\n{{messageText}}\n\n{{ticketUrl}}',
    bodyHtml: '<p>{{authorName}} wrote on <b>#{{ticketRef}}</b>, which is assigned to you:</p><div>{{{messageHtml}}}</div><p><a href="{{ticketUrl}}">Open the ticket</a></p>',
  },
  ticket_resolved: {
    subject: 'Resolved: ' + tag,
    bodyText: 'Hello {{recipientName}},\n\nyour request #{{ticketRef}} has been resolved. If it is not, just reply to this mail and it reopens.\n\n{{ticketUrl}}\n\n{{deskName}}',
    bodyHtml: '<p>Hello {{recipientName}},</p><p>your request <b>#{{ticketRef}}</b> has been resolved. If it is not, just reply to this mail and it reopens.</p><p><a href="{{ticketUrl}}">View your request</a></p><p>{{deskName}}</p>',
  },
  ticket_assigned: {
    subject: 'Assigned to you: ' + tag,
    bodyText: '{{recipientName}}, ticket #{{ticketRef}} "{{ticketSubject}}" from {{requesterName}} is now assigned to you.\n\n{{ticketUrl}}',
    bodyHtml: '<p>{{recipientName}}, ticket <b>#{{ticketRef}}</b> “{{ticketSubject}}” from {{requesterName}} is now assigned to you.</p><p><a href="{{ticketUrl}}">Open the ticket</a></p>',
  },
  team_new_ticket: {
    subject: 'New in {{teamName}}: ' + tag,
    bodyText: 'A new ticket #{{ticketRef}} from {{requesterName}} arrived in {{teamName}}.\n\n{{messageText}}\n\n{{ticketUrl}}',
    bodyHtml: '<p>A new ticket <b>#{{ticketRef}}</b> from {{requesterName}} arrived in {{teamName}}.</p><p><a href="{{ticketUrl}}">Open the ticket</a></p>',
  },
  sla_warning: {
    subject: 'SLA warning: ' + tag,
    bodyText: 'The {{metric}} target of ticket #{{ticketRef}} is due at {{dueAt}}.\n\n{{ticketUrl}}',
    bodyHtml: '<p>The {{metric}} target of ticket <b>#{{ticketRef}}</b> is due at {{dueAt}}.</p><p><a href="{{ticketUrl}}">Open the ticket</a></p>',
  },
  // Sign-in mail: the identity module queues it with its link, and the sender fills these at delivery.
  password_reset: {
    subject: 'Reset your {{deskName}} password',
    bodyText:
      'Hello {{recipientName}},\n\nsomeone asked to reset the password of this account. To choose a new one, open:\n\n{{link}}\n\nThe link works once, within 60 minutes. If it was not you, ignore this message.',
    bodyHtml:
      '<p>Hello {{recipientName}},</p><p>someone asked to reset the password of this account.</p><p><a href="{{link}}">Choose a new password</a></p><p>The link works once, within 60 minutes. If it was not you, ignore this message.</p>',
  },
  magic_link: {
    subject: 'Your {{deskName}} sign-in link',
    bodyText: 'Hello {{recipientName}},\n\nto sign in, open:\n\n{{link}}\n\nThe link works once, within 15 minutes. If you did not ask for it, ignore this message.',
    bodyHtml: '<p>Hello {{recipientName}},</p><p><a href="{{link}}">Sign in to {{deskName}}</a></p><p>The link works once, within 15 minutes. If you did not ask for it, ignore this message.</p>',
  },
  invitation: {
    subject: 'You are invited to {{deskName}}',
    bodyText: 'Hello {{recipientName}},\n\nyou have an account at {{deskName}}. To choose your password, open:\n\n{{link}}\n\nThe link works once, within 7 days.',
    bodyHtml: '<p>Hello {{recipientName}},</p><p>you have an account at {{deskName}}.</p><p><a href="{{link}}">Choose your password</a></p><p>The link works once, within 7 days.</p>',
  },
};
