import { addMessages } from './translate';

/** English for the help centre (portal) for requesters; registered when the code that shows it loads. */
export const enPortal = {
  'portalStatus.new': 'Received — we will look at it soon',
  'portalStatus.open': 'We are working on it',
  'portalStatus.pending': 'We’re waiting for your reply',
  'portalStatus.on_hold': 'Waiting on a third party',
  'portalStatus.resolved': 'Solved — reply if it isn’t',
  'portalStatus.closed': 'Closed',

  'portal.title': 'Help centre',
  'portal.greeting': 'Hello {name}, how can we help?',
  'portal.myTickets': 'My requests',
  'portal.newTicket': 'Ask for help',
  'portal.new.subject': 'In a few words, what is wrong?',
  'portal.new.subjectHint': 'For example: “Laptop will not connect to the Wi-Fi”',
  'portal.new.body': 'Tell us more',
  'portal.new.bodyHint': 'What happened, when it started, and what you already tried.',
  'portal.new.category': 'What is it about?',
  'portal.new.categoryNone': 'Not sure / something else',
  'portal.new.submit': 'Send request',
  'portal.new.sentHint': 'You will get an email when we reply.',
  'portal.new.sent': 'Request {reference} sent. We will reply here and by email.',
  'portal.empty.title': 'You have no requests yet',
  'portal.empty.body': 'When something is not working, ask for help and follow the answer here.',
  'portal.lastUpdate': 'updated',
  'portal.reply': 'Reply',
  'portal.replyPlaceholder': 'Write your reply…',
  'portal.solvedQuestion': 'Is your problem solved?',
  'portal.resolvedNote': 'We think this is solved. If it is not, tell us and we will look again.',
  'portal.solved': 'This solved my problem',
  'portal.solvedDone': 'Thank you! We marked your request as solved.',
  'portal.reopen': 'It is not solved — reopen',
  'portal.reopened': 'We reopened your request.',
  'portal.you': 'You',
  'portal.support': 'Support',
  'portal.assignedTo': '{name} is looking after this',
  'portal.notAssigned': 'Not yet picked up',
  'portal.closedNote': 'This request is closed. Replying starts a new request.',
  'portal.followUpOpened': 'Your reply started a new request, {reference}.',
} as const;

addMessages(enPortal);
