import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { TicketFilters, TicketSort } from '../../../shared/schemas/tickets.js';
import type { Dialect, Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { TicketScope } from '../identity/index.js';
import type { TicketRow } from './tickets.presenter.js';
import { visibleTo } from './tickets.repository.js';
import { catchUpSearchIndex } from './search.index-queue.js';
import { ticketFilterConditions } from './views.filters.js';

/**
 * The ticket list: filters + sort + keyset pagination in one query. Every sort ends with the id, and
 * the cursor carries (sort value, id) of the last row, so a page starts exactly after the previous one
 * however many tickets arrive meanwhile, and reads one index range (no OFFSET scans).
 */
type SortColumn = 'createdAt' | 'updatedAt' | 'priorityRank' | 'ref' | 'slaDueAt';

const sortPlan: Record<TicketSort, { column: SortColumn; direction: 'asc' | 'desc' }> = {
  createdAt: { column: 'createdAt', direction: 'asc' },
  '-createdAt': { column: 'createdAt', direction: 'desc' },
  updatedAt: { column: 'updatedAt', direction: 'asc' },
  '-updatedAt': { column: 'updatedAt', direction: 'desc' },
  // "-priority" is most urgent first: rank 1 is urgent, so the rank ascends.
  '-priority': { column: 'priorityRank', direction: 'asc' },
  priority: { column: 'priorityRank', direction: 'desc' },
  ref: { column: 'ref', direction: 'asc' },
  '-ref': { column: 'ref', direction: 'desc' },
  // The SLA module keeps each ticket's earliest running due time in sla_due_at; tickets without a running clock
  // hold a far-future sentinel, so they come last and the cursor stays a plain (value, id) pair.
  due: { column: 'slaDueAt', direction: 'asc' },
};

interface Cursor {
  sort: TicketSort;
  value: string | number;
  id: number;
}

export function encodeCursor(sort: TicketSort, row: TicketRow): string {
  const column = sortPlan[sort].column;
  const cursor: Cursor = { sort, value: row[column], id: row.id };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(cursor: string, sort: TicketSort): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (parsed.sort === sort && (typeof parsed.value === 'string' || typeof parsed.value === 'number') && Number.isInteger(parsed.id)) {
      return parsed as Cursor;
    }
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('invalid_field', 'The cursor is not valid for this list; start again without it.', { field: 'cursor' });
}

export interface TicketListRequest {
  filters: TicketFilters;
  sort: TicketSort;
  cursor: string | undefined;
  limit: number;
  scope: TicketScope;
  /** Resolves assigneeId=me. */
  actorId: number;
  dialect: Dialect;
  /** The instant dueWithinMinutes counts from. */
  now: Date;
}

type Where = (eb: ExpressionBuilder<Database, 'tickets'>) => Expression<SqlBool>;

/** The visibility scope as equality branches (their union is the scope), or undefined for everything. */
function scopeBranches(scope: TicketScope): Where[] | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'teams':
      return [
        ...scope.teamIds.map((teamId): Where => (eb) => eb('tickets.teamId', '=', teamId)),
        (eb) => eb('tickets.assigneeId', '=', scope.assigneeId),
      ];
    case 'requester':
      return [
        (eb) => eb('tickets.requesterId', '=', scope.requesterId),
        ...(scope.organizationId !== null ? [((eb) => eb('tickets.organizationId', '=', scope.organizationId!)) as Where] : []),
      ];
    case 'none':
      return [(eb) => eb.lit(false).$castTo<SqlBool>()];
  }
}

/** Above this many branches one plain query is cheaper than the union. */
const maxBranches = 32;

/**
 * One query per page. An OR in the scope (my teams or assigned to me) or a list of statuses would
 * make the database gather every match and sort it; instead each (scope branch × status) reads its
 * own index range in sort order, at most one page each, and only those few rows are merged. The page
 * query stays a single statement: `id IN (branch 1 UNION ALL branch 2 …) ORDER BY … LIMIT`.
 */
export async function listTickets(db: Executor, request: TicketListRequest): Promise<{ rows: TicketRow[]; nextCursor: string | null }> {
  const { column, direction } = sortPlan[request.sort];
  if (request.filters.q) await catchUpSearchIndex(db, request.dialect);
  const cursor = request.cursor ? decodeCursor(request.cursor, request.sort) : null;
  const conditionsFor = (filters: TicketFilters): Where[] => {
    const list = ticketFilterConditions(filters, { dialect: request.dialect, actorId: request.actorId, seesInternalNotes: request.scope.seesInternalNotes, now: request.now });
    // Row-value comparison: both databases turn it into one index range seek.
    if (cursor) list.push((eb) => eb(eb.refTuple(`tickets.${column}`, 'tickets.id'), direction === 'asc' ? '>' : '<', eb.tuple(cursor.value as never, cursor.id)));
    return list;
  };
  const statuses = request.filters.status ?? [];
  const scopeParts = scopeBranches(request.scope) ?? [undefined];
  const statusParts: (Where | undefined)[] = statuses.length > 1 ? statuses.map((status): Where => (eb) => eb('tickets.status', '=', status)) : [undefined];
  const branchCount = scopeParts.length * statusParts.length;

  let query = db.selectFrom('tickets').selectAll();
  if (branchCount > 1 && branchCount <= maxBranches) {
    // A branch that pins one status leaves out the list's `status in (…)`: beside the pinned one it led PostgreSQL to
    // read the whole index range and sort it (57 ms instead of ~1 for a team's pending tickets at a million).
    const branchConditions = conditionsFor(statusParts.length > 1 ? withoutStatus(request.filters) : request.filters);
    const branches = scopeParts.flatMap((scopePart) =>
      statusParts.map((statusPart) => {
        let branch = db.selectFrom('tickets').select(['tickets.id', `tickets.${column}`]);
        for (const condition of [scopePart, statusPart, ...branchConditions]) if (condition) branch = branch.where(condition);
        const ordered = branch.orderBy(`tickets.${column}`, direction).orderBy('tickets.id', direction).limit(request.limit + 1);
        // Wrapped so each branch keeps its own ORDER BY and LIMIT inside the UNION ALL.
        return db.selectFrom(ordered.as('branch')).select('branch.id');
      }),
    );
    const union = branches.slice(1).reduce((all, branch) => all.unionAll(branch), branches[0]!);
    query = query.where('tickets.id', 'in', union);
  } else {
    query = query.where(visibleTo(request.scope));
    for (const condition of conditionsFor(request.filters)) query = query.where(condition);
  }
  const rows = await query
    .orderBy(`tickets.${column}`, direction)
    .orderBy('tickets.id', direction)
    .limit(request.limit + 1)
    .execute();
  const page = rows.slice(0, request.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > request.limit && last ? encodeCursor(request.sort, last) : null };
}

function withoutStatus(filters: TicketFilters): TicketFilters {
  const rest = { ...filters };
  delete rest.status;
  return rest;
}
