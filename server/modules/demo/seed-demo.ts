import type { Database } from '../../platform/db/database.js';
import { generateTickets, type GenerateResult } from './generate-tickets.js';

/** The desk is not empty: seeding would mix invented tickets with real ones. */
export class DeskNotEmptyError extends Error {
  constructor(readonly ticketCount: number) {
    super(
      `This desk already has ${ticketCount} ticket${ticketCount === 1 ? '' : 's'}; the demo desk only fills an empty one. ` +
        'Point DATA_DIR (or DATABASE_URL) at a new location to try the demo.',
    );
    this.name = 'DeskNotEmptyError';
  }
}

export const demoDeskSize = { tickets: 2000, requesters: 300, days: 90 } as const;

/**
 * Fills an empty desk with a believable IT helpdesk: three tiered teams, staff with one generated
 * password, organisations with requesters, the category tree and ~2,000 tickets of the last 90 days.
 */
export async function seedDemoDesk(database: Database, options: { now?: Date; seed?: number } = {}): Promise<GenerateResult> {
  const row = await database.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('count')).executeTakeFirst();
  const count = Number(row?.count ?? 0);
  if (count > 0) throw new DeskNotEmptyError(count);
  return generateTickets(database, {
    tickets: demoDeskSize.tickets,
    requesters: demoDeskSize.requesters,
    days: demoDeskSize.days,
    now: options.now,
    seed: options.seed,
  });
}
