/**
 * Clocks for tickets that were written in bulk (the demo desk, the generator) instead of through the API: the same
 * moves as a policy edit's recompute, then every warning and breach already past is recorded at the instant it
 * came due, quietly. That is history being loaded, not happening now: no events, no escalation, no mail to team
 * leads about last month, and the checker starts with only what is still ahead.
 */
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { recordDue } from './sla-clock.js';
import { recomputeTicketsClocks, slaReference } from './sla-sync.js';
import * as repository from './sla.repository.js';

const chunk = 500;

export async function backfillSlaClocks(database: Database, at: string): Promise<{ tickets: number; recorded: number }> {
  const { db } = database;
  const postgres = database.dialect === 'postgres';
  const ticketIds = (await repository.openTicketsWithoutClocks(db)).sort((a, b) => a - b);
  const context = { ...(await slaReference(db)), postgres };
  if (context.policies.length === 0) return { tickets: 0, recorded: 0 };
  for (let index = 0; index < ticketIds.length; index += chunk) {
    const ids = ticketIds.slice(index, index + chunk);
    await inTransaction(db, (tx) => recomputeTicketsClocks(tx, ids, context, { at, lock: postgres }));
  }
  let recorded = 0;
  for (;;) {
    const due = await repository.dueClocks(db, at, chunk);
    const updates: repository.ClockUpdate[] = [];
    for (const row of due) {
      const outcome = recordDue(context.calendarOf(row.calendarId), { ...row, targetMs: Number(row.targetMs), spentMs: Number(row.spentMs) }, at);
      if (outcome.warned || outcome.breached) updates.push({ id: row.id, version: row.version, values: { ...outcome.clock, policyId: row.policyId, calendarId: row.calendarId, updatedAt: at } });
    }
    // Whatever is left due would not move: stop rather than loop.
    if (updates.length === 0) break;
    await inTransaction(db, (tx) => repository.updateClocksAtVersions(tx, updates, postgres));
    recorded += updates.length;
  }
  return { tickets: ticketIds.length, recorded };
}
