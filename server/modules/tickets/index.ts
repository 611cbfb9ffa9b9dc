/** The tickets module's public face: other modules import from here only. */
export { registerTicketsModule, createTicketsModule, registerTicketJobs, closeResolvedJobName, type TicketsModule } from './tickets.module.js';
export type { TicketsService } from './tickets.service.js';
export type { MessagesService } from './messages.service.js';
export type { TicketRelationsService } from './ticket-relations.service.js';
export type { DeskSettingsService } from './desk-settings.service.js';
export { readDeskBrand, type DeskBrand } from '../../platform/desk-brand.js';
export type { TicketsTables } from './tickets.tables.js';
export { visibleTo } from './tickets.repository.js';
export { presentTicket, presentMessage, formatReference, type TicketRow, type MessageRow } from './tickets.presenter.js';
export { prepareMessageBody, htmlToText } from './message-body.js';
export { encodeCursor, listTickets } from './ticket-list.repository.js';
export { createEmailIntake, type EmailIntake, type EmailTicketResult } from './tickets.mail-intake.js';
export { documentScope } from './search.query.js';
export { catchUpSearchIndex, flushSearchIndexQueue } from './search.index-queue.js';
