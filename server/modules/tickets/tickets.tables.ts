import type { Generated } from 'kysely';
import type {
  CustomFieldType,
  Impact,
  LinkKind,
  MessageKind,
  Priority,
  TicketChannel,
  TicketType,
  Urgency,
} from '../../../shared/schemas/tickets.js';
import type { TicketStatus } from '../../../shared/ticket-status.js';
import type { DefaultedFlag, DefaultedJson, Id, Instant, Json } from '../../platform/db/column-types.js';

/** Named counters bumped inside a transaction ('ticket_ref' gives the human reference numbers). */
export interface SequencesTable {
  name: string;
  value: number;
}

export interface CategoriesTable {
  id: Id;
  parentId: number | null;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
  /** Team a new ticket in this category goes to when none is chosen. */
  defaultTeamId: number | null;
  isActive: DefaultedFlag;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface CustomFieldsTable {
  id: Id;
  /** Stable key used in a ticket's customFields object, e.g. 'asset_tag'. */
  key: string;
  label: string;
  fieldType: CustomFieldType;
  /** JSON array of allowed values (dropdown, multi_select). */
  options: DefaultedJson;
  /** The field must have a value once the ticket reaches this status or a later one. */
  requiredFromStatus: TicketStatus | null;
  description: Generated<string>;
  position: Generated<number>;
  isActive: DefaultedFlag;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface TicketsTable {
  id: Id;
  /** Human reference number (#1042): sequential, never reused. */
  ref: number;
  subject: string;
  requesterId: number;
  organizationId: number | null;
  channel: TicketChannel;
  type: TicketType;
  status: TicketStatus;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  /** 1 = urgent … 4 = low; sorts by priority through an index. */
  priorityRank: number;
  /** Priority was set by hand instead of from impact × urgency. */
  priorityOverridden: DefaultedFlag;
  categoryId: number | null;
  teamId: number | null;
  assigneeId: number | null;
  tier: Generated<number>;
  /** JSON array of tags (copy of ticket_tags, for presenting a page in one query). */
  tags: DefaultedJson;
  /** JSON object as text: custom field key → value. */
  customFields: DefaultedJson;
  /** JSON array of user ids (copy of ticket_watchers). */
  watcherIds: DefaultedJson;
  /** Optimistic concurrency: bumped by every change. */
  version: Generated<number>;
  reopenCount: Generated<number>;
  mergedIntoId: number | null;
  createdById: number | null;
  createdAt: Instant;
  updatedAt: Instant;
  firstResponseAt: Instant | null;
  resolvedAt: Instant | null;
  closedAt: Instant | null;
  /** Last public message (either side): the requester-visible "updated" time. */
  lastPublicActivityAt: Instant | null;
  /**
   * Due time of the running SLA clock that comes due first, kept by the SLA module; the far-future sentinel
   * (`noRunningSlaClock`) when none runs. Sorts and filters the desk by due time through an index.
   */
  slaDueAt: Generated<Instant>;
}

export interface TicketTagsTable {
  ticketId: number;
  tag: string;
}

export interface TicketWatchersTable {
  ticketId: number;
  userId: number;
  createdAt: Instant;
}

export interface TicketMessagesTable {
  id: Id;
  ticketId: number;
  /** Null for system events. */
  authorId: number | null;
  kind: MessageKind;
  isInternal: DefaultedFlag;
  channel: TicketChannel | 'system';
  /** Sanitised HTML (allow-list). */
  bodyHtml: string;
  /** Plain text derived from bodyHtml: search, mail, previews. */
  bodyText: string;
  emailMessageId: string | null;
  movedFromTicketId: number | null;
  createdAt: Instant;
}

export interface AttachmentsTable {
  id: Id;
  ticketId: number;
  messageId: number | null;
  /** Hex SHA-256 of the content; the file is stored once under DATA_DIR by this name. */
  sha256: string;
  sizeBytes: number;
  contentType: string;
  fileName: string;
  contentId: string | null;
  isInline: DefaultedFlag;
  uploadedById: number | null;
  createdAt: Instant;
}

export interface TicketHistoryTable {
  id: Id;
  ticketId: number;
  /** Null when the system made the change (a job, the mail channel). */
  actorId: number | null;
  /** Field name ('status', 'assigneeId', 'tags', 'link', 'watcher', 'customFields.asset_tag', …). */
  field: string;
  fromValue: Json | null;
  toValue: Json | null;
  reason: string | null;
  createdAt: Instant;
}

export interface TicketLinksTable {
  id: Id;
  ticketId: number;
  linkedTicketId: number;
  kind: LinkKind;
  createdById: number | null;
  createdAt: Instant;
}

export interface TicketTimeEntriesTable {
  id: Id;
  ticketId: number;
  agentId: number;
  minutes: number;
  note: Generated<string>;
  workedAt: Instant;
  createdAt: Instant;
}

export interface SavedViewsTable {
  id: Id;
  ownerId: number;
  isShared: DefaultedFlag;
  name: string;
  /** JSON object in the shape of the ticket list filters. */
  filters: DefaultedJson;
  sort: string;
  /** JSON array of column keys. */
  columns: DefaultedJson;
  position: Generated<number>;
  createdAt: Instant;
  updatedAt: Instant;
}

export type SearchSource = 'subject' | 'message' | 'attachment';

/**
 * Searchable texts. SQLite indexes `body` in the FTS5 table search_documents_fts (rowid = id,
 * kept in step by triggers); PostgreSQL in the generated tsvector column search_vector (GIN).
 */
export interface SearchDocumentsTable {
  id: Id;
  ticketId: number;
  source: SearchSource;
  /** Ticket id, message id or attachment id, depending on source. */
  sourceId: number;
  isInternal: DefaultedFlag;
  body: string;
  /** Who may find it: the ticket's team, assignee, requester and organisation keys (search.query.ts `documentScope`). */
  scope: Generated<string>;
  updatedAt: Instant;
}

export interface TicketsTables {
  sequences: SequencesTable;
  categories: CategoriesTable;
  customFields: CustomFieldsTable;
  tickets: TicketsTable;
  ticketTags: TicketTagsTable;
  ticketWatchers: TicketWatchersTable;
  ticketMessages: TicketMessagesTable;
  attachments: AttachmentsTable;
  ticketHistory: TicketHistoryTable;
  ticketLinks: TicketLinksTable;
  ticketTimeEntries: TicketTimeEntriesTable;
  savedViews: SavedViewsTable;
  searchDocuments: SearchDocumentsTable;
}
