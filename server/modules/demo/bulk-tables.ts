/**
 * The tables the generator writes in bulk, with their columns in the order rows are built. Rows are
 * plain arrays (not objects): at a million tickets, object allocation and key lookups are what
 * dominate, so the builder fills arrays and the writers bind them positionally.
 * Flags are written as 0/1 (SQLite integer; PostgreSQL casts '1'/'0' to boolean); instants as ISO strings.
 */
export type Cell = string | number | null;
export type Row = Cell[];

export interface BulkTable {
  /** SQL table name. */
  name: string;
  /** [column, PostgreSQL type for the unnest() array cast]. */
  columns: ReadonlyArray<readonly [string, string]>;
}

export const bulkTables = {
  users: {
    name: 'users',
    columns: [
      ['id', 'bigint'], ['name', 'text'], ['role_id', 'bigint'], ['organization_id', 'bigint'], ['phone', 'text'],
      ['is_active', 'boolean'], ['password_hash', 'text'], ['skills', 'jsonb'], ['capacity', 'integer'],
      ['availability', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
  },
  userEmails: { name: 'user_emails', columns: [['id', 'bigint'], ['user_id', 'bigint'], ['email', 'text'], ['is_primary', 'boolean']] },
  tickets: {
    name: 'tickets',
    columns: [
      ['id', 'bigint'], ['ref', 'bigint'], ['subject', 'text'], ['requester_id', 'bigint'], ['organization_id', 'bigint'],
      ['channel', 'text'], ['type', 'text'], ['status', 'text'], ['impact', 'text'], ['urgency', 'text'], ['priority', 'text'],
      ['priority_rank', 'integer'], ['category_id', 'bigint'], ['team_id', 'bigint'], ['assignee_id', 'bigint'], ['tier', 'integer'],
      ['tags', 'jsonb'], ['version', 'integer'], ['created_by_id', 'bigint'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
      ['first_response_at', 'timestamptz'], ['resolved_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['last_public_activity_at', 'timestamptz'],
    ],
  },
  ticketTags: { name: 'ticket_tags', columns: [['ticket_id', 'bigint'], ['tag', 'text']] },
  ticketMessages: {
    name: 'ticket_messages',
    columns: [
      ['id', 'bigint'], ['ticket_id', 'bigint'], ['author_id', 'bigint'], ['kind', 'text'], ['is_internal', 'boolean'],
      ['channel', 'text'], ['body_html', 'text'], ['body_text', 'text'], ['created_at', 'timestamptz'],
    ],
  },
  ticketHistory: {
    name: 'ticket_history',
    columns: [
      ['id', 'bigint'], ['ticket_id', 'bigint'], ['actor_id', 'bigint'], ['field', 'text'], ['from_value', 'jsonb'],
      ['to_value', 'jsonb'], ['reason', 'text'], ['created_at', 'timestamptz'],
    ],
  },
  searchDocuments: {
    name: 'search_documents',
    columns: [
      ['id', 'bigint'], ['ticket_id', 'bigint'], ['source', 'text'], ['source_id', 'bigint'], ['is_internal', 'boolean'],
      ['body', 'text'], ['scope', 'text'], ['updated_at', 'timestamptz'],
    ],
  },
} satisfies Record<string, BulkTable>;

export type BulkTableKey = keyof typeof bulkTables;

/** Tables in foreign-key order: a batch is written in this order. */
export const bulkTableOrder: readonly BulkTableKey[] = ['users', 'userEmails', 'tickets', 'ticketTags', 'ticketMessages', 'ticketHistory', 'searchDocuments'];

export type RowBatch = Record<BulkTableKey, Row[]>;

export function emptyBatch(): RowBatch {
  return { users: [], userEmails: [], tickets: [], ticketTags: [], ticketMessages: [], ticketHistory: [], searchDocuments: [] };
}

export function batchRowCount(batch: RowBatch): number {
  return bulkTableOrder.reduce((sum, key) => sum + batch[key].length, 0);
}
