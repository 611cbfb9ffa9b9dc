import { addMessages } from './translate';

/** English for the admin console's SLA screens (policies, business hours); registered with the admin area. */
export const enSla = {
  'admin.slaPolicies': 'SLA policies',
  'admin.businessHours': 'Business hours',
};

addMessages(enSla);
