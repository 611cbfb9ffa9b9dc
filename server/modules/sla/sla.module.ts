import type { AppContext } from '../../app.js';
import { registerSlaRoutes } from './sla.routes.js';
import { createSlaService } from './sla.service.js';

/** How often the cluster looks for due warnings and breaches (one indexed query each time). */
export const slaCheckIntervalMs = 5_000;

/**
 * Wires service levels in: ticket changes move the clocks in their own transaction, a recurring job records due
 * warnings and breaches once across the cluster (and at start-up, whatever came due while the server was down),
 * and the routes.
 */
export function registerSlaModule(context: AppContext) {
  const sla = createSlaService({ database: context.database, clock: context.clock, events: context.events, log: context.http.log });
  // The clocks move in the change's own transaction (one commit, and the due sort never lags the ticket), once
  // per ticket per change: a new ticket's ticket.created and message.created need one sync, not two.
  for (const type of ['ticket.created', 'ticket.updated', 'message.created']) {
    context.events.subscribeInTransaction(type, context.database.db, (tx, event, change) => sla.onTicketChange(tx, event, change));
  }
  context.jobs.register('sla.check', async () => {
    await sla.checkDue();
  });
  context.http.addHook('onReady', async () => {
    await context.jobs.every('sla.check', slaCheckIntervalMs);
  });
  registerSlaRoutes(context.http, sla, context.clock);
  return sla;
}
