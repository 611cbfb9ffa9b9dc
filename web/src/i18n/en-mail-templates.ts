import { addMessages } from './translate';

/** English for the admin console's notification templates screen; registered with the admin area. */
export const enMailTemplates = {
  'admin.mailTemplates': 'Notification mail',
  'admin.mailTemplates.hint':
    'The wording of the mail the desk sends. Change a subject or body here; the desk fills in the variables when it sends.',
  'admin.mailTemplates.loadFailed': 'The templates could not be loaded.',
  'admin.mailTemplates.group.tickets': 'Ticket notifications',
  'admin.mailTemplates.group.account': 'Sign-in mail',
  'admin.mailTemplates.customised': 'Customised',
  'admin.mailTemplates.unsaved': 'Unsaved changes',
  'admin.mailTemplates.builtIn': 'Built-in wording',
  'admin.mailTemplates.changed': 'Changed {when}',
  'admin.mailTemplates.back': 'All notification mail',
  'admin.mailTemplates.notFound': 'There is no notification mail called “{key}”.',

  'admin.mailTemplates.name.ticket_received': 'Ticket received',
  'admin.mailTemplates.when.ticket_received': 'Sent to the requester when their ticket is opened.',
  'admin.mailTemplates.name.agent_reply': 'Agent reply',
  'admin.mailTemplates.when.agent_reply':
    'Sent to the requester and the people watching the ticket when an agent replies publicly. Internal notes are never mailed.',
  'admin.mailTemplates.name.requester_reply': 'Requester replied',
  'admin.mailTemplates.when.requester_reply':
    'Sent to the agent a ticket is assigned to when the requester, or someone copied on the ticket, writes on it.',
  'admin.mailTemplates.sample.metric': 'first response',
  'admin.mailTemplates.name.ticket_resolved': 'Ticket resolved',
  'admin.mailTemplates.when.ticket_resolved': 'Sent to the requester when their ticket is resolved.',
  'admin.mailTemplates.name.ticket_assigned': 'Assigned to you',
  'admin.mailTemplates.when.ticket_assigned': 'Sent to an agent when a ticket is assigned to them.',
  'admin.mailTemplates.name.team_new_ticket': 'New ticket in your team',
  'admin.mailTemplates.when.team_new_ticket': 'Sent to the members of a team when a new ticket arrives in it.',
  'admin.mailTemplates.name.sla_warning': 'SLA warning',
  'admin.mailTemplates.when.sla_warning':
    'Sent to the team’s leads when a ticket is close to missing its response or resolution target.',
  'admin.mailTemplates.name.password_reset': 'Password reset',
  'admin.mailTemplates.when.password_reset': 'Sent to a person who asks to reset their password.',
  'admin.mailTemplates.name.invitation': 'Invitation',
  'admin.mailTemplates.when.invitation': 'Sent to a person an admin adds or invites, with a link to choose their password.',
  'admin.mailTemplates.name.magic_link': 'Sign-in link',
  'admin.mailTemplates.when.magic_link': 'Sent to a person who asks for a link to sign in without a password.',

  'admin.mailTemplates.subject': 'Subject',
  'admin.mailTemplates.bodyText': 'Text body',
  'admin.mailTemplates.bodyTextHint': 'What every mail client can show. Line breaks are kept.',
  'admin.mailTemplates.bodyHtml': 'HTML body',
  'admin.mailTemplates.bodyHtmlHint':
    'Optional. Mail clients that show formatting use it instead of the text body; leave it empty to send text only.',
  'admin.mailTemplates.variables': 'Variables',
  'admin.mailTemplates.field.subject': 'subject',
  'admin.mailTemplates.field.bodyText': 'text body',
  'admin.mailTemplates.field.bodyHtml': 'HTML body',
  'admin.mailTemplates.variablesHint':
    'Select one to insert it at the cursor in the field you used last, now the {field}.',
  'admin.mailTemplates.insertVariable': 'Insert {token} into the {field}: {meaning}',
  'admin.mailTemplates.insertVariableBare': 'Insert {token} into the {field}',
  'admin.mailTemplates.rawHtmlHint':
    'In the HTML body, {token} is inserted with three braces so the message keeps its formatting.',
  'admin.mailTemplates.unknownVariables': '{names}: not a variable this mail can use, so it is left empty in the mail.',
  'admin.mailTemplates.malformedVariables':
    '{names}: not a variable name (letters only), so the mail shows it exactly as typed.',

  'admin.mailTemplates.save': 'Save',
  'admin.mailTemplates.saved': '“{name}” saved. The next mails use the new wording.',
  'admin.mailTemplates.discard': 'Discard changes',
  'admin.mailTemplates.discarded': 'Your unsaved changes to “{name}” were discarded.',
  'admin.mailTemplates.draftKept':
    'You have unsaved changes to this mail. They are kept while you look at other templates; save or discard them.',
  'admin.mailTemplates.reset': 'Reset to default',
  'admin.mailTemplates.resetTitle': 'Reset “{name}” to the built-in wording?',
  'admin.mailTemplates.resetBody':
    'Your subject, text body and HTML body for this mail are deleted and the desk sends its built-in wording again. This cannot be undone.',
  'admin.mailTemplates.resetDraftToo': 'Your unsaved changes to this mail are discarded too.',
  'admin.mailTemplates.resetConfirm': 'Reset to default',
  'admin.mailTemplates.resetDone': '“{name}” uses the built-in wording again.',
  'admin.mailTemplates.saveFailed': 'Nothing was saved.',
  'admin.mailTemplates.saveRefused': 'Nothing was saved: see the messages under the fields above.',

  'admin.mailTemplates.error.empty': 'The {field} cannot be empty.',
  'admin.mailTemplates.error.tooLong': 'The {field} can be at most {max} characters long.',
  'admin.mailTemplates.error.other': 'The {field} was not accepted: {reason}',

  'admin.mailTemplates.preview': 'Preview',
  'admin.mailTemplates.previewHint': 'With sample values in place of the variables. Nothing is sent.',
  'admin.mailTemplates.previewSubject': 'Subject',
  'admin.mailTemplates.previewText': 'Text',
  'admin.mailTemplates.previewHtml': 'HTML',
  'admin.mailTemplates.previewHtmlFrame': 'Preview of the HTML body',
  'admin.mailTemplates.previewNoHtml': 'No HTML body: mail clients show the text body.',
  'admin.mailTemplates.previewEmpty': '(empty)',

  'admin.mailTemplates.variable.ticketRef': 'the ticket number, without “#”',
  'admin.mailTemplates.variable.ticketSubject': 'the ticket’s subject',
  'admin.mailTemplates.variable.ticketUrl': 'the address of the ticket in the desk',
  'admin.mailTemplates.variable.recipientName': 'the name of the person this mail goes to',
  'admin.mailTemplates.variable.requesterName': 'the name of the person who asked for help',
  'admin.mailTemplates.variable.deskName': 'the desk’s name, from General settings',
  'admin.mailTemplates.variable.messageText': 'the message, as plain text',
  'admin.mailTemplates.variable.messageHtml': 'the message with its formatting (for the HTML body)',
  'admin.mailTemplates.variable.authorName': 'the name of the agent who replied',
  'admin.mailTemplates.variable.assigneeName': 'the name of the agent the ticket is assigned to',
  'admin.mailTemplates.variable.teamName': 'the team’s name',
  'admin.mailTemplates.variable.metric': 'which target: first_response or resolution',
  'admin.mailTemplates.variable.dueAt': 'when the target is due (date and time in UTC, as 2026-03-30T14:00:00.000Z)',
  'admin.mailTemplates.variable.link': 'the one-time link to open',

  // Sample values for the preview: believable, and never a real person.
  'admin.mailTemplates.sample.requesterName': 'Ann Example',
  'admin.mailTemplates.sample.agentName': 'Sam Agent',
  'admin.mailTemplates.sample.leadName': 'Lee Lead',
  'admin.mailTemplates.sample.teamName': 'Service desk',
  'admin.mailTemplates.sample.ticketSubject': 'Printer on floor 3 prints blank pages',
  'admin.mailTemplates.sample.firstMessage':
    'Since this morning the printer on floor 3 only prints blank pages. The display shows no error.',
  'admin.mailTemplates.sample.replyText':
    'Hello Ann,\n\nthe printer needed a new toner cartridge and prints normally again. If the pages still come out blank, just reply to this mail.\n\nSam',
  'admin.mailTemplates.sample.replyHtml':
    '<p>Hello Ann,</p><p>the printer needed a <strong>new toner cartridge</strong> and prints normally again. If the pages still come out blank, just reply to this mail.</p><p>Sam</p>',
};

addMessages(enMailTemplates);
