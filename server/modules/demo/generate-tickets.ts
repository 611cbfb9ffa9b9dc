import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { batchRowCount, emptyBatch } from './bulk-tables.js';
import { openBulkWriter } from './bulk-writers.js';
import { ensureDemoDesk, type DemoDesk } from './demo-desk.js';
import { createRandom, type Random } from './random.js';
import { buildTicket, type IdCounters } from './ticket-builder.js';
import { backfillSlaClocks } from '../sla/index.js';
import { flushSearchIndexQueue } from '../tickets/index.js';

export interface GenerateOptions {
  tickets: number;
  /** Average messages per ticket; omitted gives the demo's natural spread. */
  messagesPerTicket?: number | undefined;
  /** Tickets span this many days back from `now` (default: 90, or longer so a big desk gets ~200 a day). */
  days?: number | undefined;
  requesters?: number | undefined;
  now?: Date | undefined;
  seed?: number | undefined;
  autoCloseDays?: number | undefined;
  batchSize?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface GenerateResult {
  desk: DemoDesk;
  tickets: number;
  messages: number;
  historyRows: number;
  searchDocuments: number;
  firstRef: number;
  lastRef: number;
  durationMs: number;
}

const day = 24 * 60 * 60 * 1000;
// Tickets per transaction. On SQLite a batch is written in the same thread right after it is built, so small
// batches are gone before the next young-generation collection instead of being copied and promoted: 100 tickets
// a batch took the garbage collector ~0.25 s instead of ~1.2 s at 100,000 tickets, and commits cost little in
// the bulk load's journal mode. PostgreSQL pays a round trip per statement, so it keeps big batches.
const defaultBatchSize = { sqlite: 100, postgres: 2000 } as const;
// Tickets arrive in working hours, mostly on weekdays: weight per hour of the day and per weekday (Sunday first).
const hourWeights = [1, 0.5, 0.5, 0.5, 0.5, 1, 2, 5, 10, 12, 11, 10, 7, 9, 11, 10, 9, 7, 4, 3, 2, 2, 1.5, 1];
const weekdayWeights = [0.15, 1.1, 1, 1, 0.95, 0.85, 0.2];

/**
 * Arrival times for `count` tickets over `days` days ending at `nowMs`, oldest first, shaped by
 * weekday and hour. Sorted output keeps ids and creation times in the same order, as in a real desk.
 */
function* arrivalTimes(random: Random, count: number, days: number, nowMs: number): Generator<number> {
  const startMs = nowMs - days * day;
  const dayWeights = Array.from({ length: days }, (_, i) => weekdayWeights[new Date(startMs + i * day).getUTCDay()]!);
  const totalWeight = dayWeights.reduce((a, b) => a + b, 0);
  const hourTotal = hourWeights.reduce((a, b) => a + b, 0);
  let emitted = 0;
  let carry = 0;
  for (let d = 0; d < days && emitted < count; d++) {
    carry += (count * dayWeights[d]!) / totalWeight;
    const today = d === days - 1 ? count - emitted : Math.min(Math.floor(carry), count - emitted);
    carry -= today;
    const times: number[] = [];
    for (let i = 0; i < today; i++) {
      let roll = random.next() * hourTotal;
      let hourOfDay = 0;
      while (hourOfDay < 23 && (roll -= hourWeights[hourOfDay]!) >= 0) hourOfDay++;
      times.push(startMs + d * day + hourOfDay * 3_600_000 + Math.floor(random.next() * 3_600_000));
    }
    times.sort((a, b) => a - b);
    for (const time of times) {
      emitted++;
      yield Math.min(time, nowMs - 1000);
    }
  }
}

async function maxId(database: Database, table: 'tickets' | 'ticketMessages' | 'ticketHistory' | 'searchDocuments'): Promise<number> {
  const row = await database.db.selectFrom(table).select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}

/**
 * Builds a desk of `tickets` tickets with conversations, history, tags and search documents, into
 * the demo desk's teams, people and categories (created first when absent), in big batches.
 */
export async function generateTickets(database: Database, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const nowMs = (options.now ?? new Date()).getTime();
  const random = createRandom(options.seed ?? 20261122);
  const days = options.days ?? Math.max(90, Math.ceil(options.tickets / 200));
  // Building indexes once at the end pays off from a few thousand tickets (10,000 into an empty desk: ~3.6 s against
  // ~4.4 s with live indexes); the demo desk's 2,000 stay on the live path, so it is never left without them.
  const writer = await openBulkWriter(database, { deferIndexes: options.tickets >= 5_000 });
  try {
    const desk = await ensureDemoDesk(database, writer, random, {
      requesterCount: options.requesters ?? Math.max(300, Math.round(options.tickets / 50)),
      nowIso: new Date(nowMs).toISOString(),
    });
    const ids: IdCounters = {
      ticket: (await maxId(database, 'tickets')) + 1,
      ref: (await lastTicketRef(database)) + 1,
      message: (await maxId(database, 'ticketMessages')) + 1,
      history: (await maxId(database, 'ticketHistory')) + 1,
      search: (await maxId(database, 'searchDocuments')) + 1,
    };
    const first = { ...ids };
    const batchSize = options.batchSize ?? defaultBatchSize[database.dialect];
    const buildOptions = { nowMs, messagesPerTicket: options.messagesPerTicket, autoCloseDays: options.autoCloseDays ?? 7 };
    let batch = emptyBatch();
    let done = 0;
    for (const createdAtMs of arrivalTimes(random, options.tickets, days, nowMs)) {
      buildTicket(random, desk.directory, ids, createdAtMs, buildOptions, batch);
      done++;
      if (batch.tickets.length >= batchSize) {
        await writer.write(batch);
        batch = emptyBatch();
        options.onProgress?.(done, options.tickets);
      }
    }
    if (batchRowCount(batch) > 0) await writer.write(batch);
    options.onProgress?.(done, options.tickets);
    // Human references continue after the generated ones.
    await setLastTicketRef(database, ids.ref - 1);
    await writer.finish();
    // A small load went through the live triggers, which queue the documents for the full-text index: index them now.
    if (database.dialect === 'sqlite') await flushSearchIndexQueue(database.db);
    // The open tickets' SLA clocks, as the desk would have kept them (after the indexes are back).
    await backfillSlaClocks(database, new Date(nowMs).toISOString());
    return {
      desk,
      tickets: ids.ticket - first.ticket,
      messages: ids.message - first.message,
      historyRows: ids.history - first.history,
      searchDocuments: ids.search - first.search,
      firstRef: first.ref,
      lastRef: ids.ref - 1,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    await writer.finish().catch(() => undefined);
    throw error;
  }
}

/** The last human reference handed out: PostgreSQL's ticket_ref_seq, SQLite's counter row. */
export async function lastTicketRef(database: Database): Promise<number> {
  if (database.dialect === 'postgres') {
    // setval always marks the value as called, so last_value is the last number handed out.
    const result = await sql<{ value: string }>`select last_value as value from ticket_ref_seq`.execute(database.db);
    return Number(result.rows[0]!.value);
  }
  const row = await database.db.selectFrom('sequences').select('value').where('name', '=', 'ticket_ref').executeTakeFirst();
  return Number(row?.value ?? 1000);
}

async function setLastTicketRef(database: Database, value: number): Promise<void> {
  await database.db.updateTable('sequences').set({ value }).where('name', '=', 'ticket_ref').execute();
  if (database.dialect === 'postgres') await sql`select setval('ticket_ref_seq', ${value})`.execute(database.db);
}
