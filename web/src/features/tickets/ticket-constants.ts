import type { CustomFieldType, TicketType } from '../../../../shared/schemas/tickets';

// The schema module builds zod validators at load time; the browser only needs these lists, so they are
// restated here (type-checked against the schema's unions) to keep zod out of the bundles.
export const ticketTypes = ['incident', 'service_request', 'question', 'problem', 'change'] as const satisfies readonly TicketType[];
export const customFieldTypes = ['text', 'number', 'date', 'dropdown', 'multi_select', 'checkbox'] as const satisfies readonly CustomFieldType[];
