import { addMessages } from './translate';

/** English for the admin console's notification templates screen; registered with the admin area. */
export const enMailTemplates = {
  'admin.mailTemplates': 'Notification mail',
};

addMessages(enMailTemplates);
