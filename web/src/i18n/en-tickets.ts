import { addMessages } from './translate';

/** English for the ticket vocabulary that the portal, the desk and the console share (status, priority, …); registered when the code that shows it loads. */
export const enTickets = {
  'status.new': 'New',
  'status.open': 'Open',
  'status.pending': 'Pending',
  'status.on_hold': 'On hold',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',

  'priority.low': 'Low',
  'priority.normal': 'Normal',
  'priority.high': 'High',
  'priority.urgent': 'Urgent',

  'level.low': 'Low',
  'level.medium': 'Medium',
  'level.high': 'High',

  'channel.portal': 'Portal',
  'channel.email': 'Email',
  'channel.phone': 'Phone',
  'channel.api': 'API',

  'type.incident': 'Incident',
  'type.service_request': 'Service request',
  'type.question': 'Question',
  'type.problem': 'Problem',
  'type.change': 'Change',

  'ticket.conversation': 'Conversation',
  'ticket.system': 'System',
} as const;

addMessages(enTickets);
