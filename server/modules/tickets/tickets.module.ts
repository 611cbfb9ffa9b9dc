import type { AppContext } from '../../app.js';
import type { JobScheduler } from '../../platform/jobs/job-scheduler.js';
import { registerConversationRoutes } from './conversation.routes.js';
import { registerDeskSettingsRoutes } from './desk-settings.routes.js';
import { createDeskSettingsService, type DeskSettingsService } from './desk-settings.service.js';
import { createMessagesService, type MessagesService } from './messages.service.js';
import { createTicketRelationsService, type TicketRelationsService } from './ticket-relations.service.js';
import { registerTicketRoutes } from './tickets.routes.js';
import { createTicketsService, type TicketsService } from './tickets.service.js';

export interface TicketsModule {
  tickets: TicketsService;
  messages: MessagesService;
  relations: TicketRelationsService;
  settings: DeskSettingsService;
}

/** Sweeps resolved tickets into closed; hourly is plenty for a rule counted in days. */
export const closeResolvedJobName = 'tickets.close-resolved';
const closeResolvedEveryMs = 60 * 60 * 1000;

/** Builds the module's services from the app context, without routes (other modules and tests use this). */
export function createTicketsModule(context: Pick<AppContext, 'config' | 'database' | 'clock' | 'events'>): TicketsModule {
  const { config, database, clock, events } = context;
  const settings = createDeskSettingsService({ db: database.db, clock });
  const tickets = createTicketsService({
    database,
    clock,
    events,
    settings,
    reopenWindowDays: config.reopenWindowDays,
    autoCloseDays: config.autoCloseDays,
  });
  const messages = createMessagesService({ database, clock, events, settings, reopenWindowDays: config.reopenWindowDays, presentTicket: tickets.presentOne });
  const relations = createTicketRelationsService({ database, clock, events, settings, presentTicket: tickets.presentOne });
  return { tickets, messages, relations, settings };
}

/** Declares the auto-close job and makes it recurring across the cluster (once per period). */
export function registerTicketJobs(jobs: JobScheduler, tickets: TicketsService, http?: AppContext['http']): void {
  jobs.register(closeResolvedJobName, async () => {
    await tickets.closeResolvedTickets();
  });
  const declare = () => jobs.every(closeResolvedJobName, closeResolvedEveryMs);
  if (http) http.addHook('onReady', declare);
  else void declare();
}

/** Tickets: the service, its routes, and its recurring job. */
export function registerTicketsModule(context: AppContext): TicketsModule {
  const module = createTicketsModule(context);
  registerTicketRoutes(context.http, module.tickets);
  registerConversationRoutes(context.http, module.messages, module.relations);
  registerDeskSettingsRoutes(context.http, module.settings);
  registerTicketJobs(context.jobs, module.tickets, context.http);
  return module;
}
