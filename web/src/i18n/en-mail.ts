import { addMessages } from './translate';

/** English for the admin console's mail screens (mailboxes, failed mail); registered with the admin area. */
export const enMail = {
  'admin.mailboxes': 'Mailboxes',
  'admin.failedMail': 'Failed mail',
};

addMessages(enMail);
