/**
 * API contract for search, saved views, attachments, presence and the live event stream (the parts of
 * the tickets API that sit beside the ticket itself).
 */
import { z } from 'zod';
import { PrioritySchema, SearchTextSchema, TicketListQuerySchema, TicketStatusSchema, ticketSorts } from './tickets.js';

const searchText = SearchTextSchema;

/** The ticket list filters plus free text: what a saved view stores and what search combines with. */
export const TicketViewFiltersSchema = TicketListQuerySchema.pick({
  status: true,
  priority: true,
  teamId: true,
  assigneeId: true,
  categoryId: true,
  tags: true,
  requesterId: true,
  organizationId: true,
  channel: true,
  type: true,
  createdFrom: true,
  createdTo: true,
  updatedFrom: true,
  updatedTo: true,
  dueWithinMinutes: true,
  q: true,
});
export type TicketViewFilters = z.infer<typeof TicketViewFiltersSchema>;

// ---- search ----

export const SearchQuerySchema = TicketViewFiltersSchema.extend({
  q: searchText,
  /** Apply a saved view's filters too (explicit filters in this query win). */
  viewId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const searchSources = ['subject', 'message', 'attachment'] as const;

export const TicketSummarySchema = z.object({
  id: z.number(),
  ref: z.number(),
  reference: z.string(),
  subject: z.string(),
  status: TicketStatusSchema,
  priority: PrioritySchema,
  teamId: z.number().nullable(),
  assigneeId: z.number().nullable(),
  requesterId: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SearchHitSchema = z.object({
  ticket: TicketSummarySchema,
  /** Where the best match of this ticket was found. */
  matchedIn: z.enum(searchSources),
  /** The message or attachment id when matchedIn is not the subject. */
  sourceId: z.number(),
  /** HTML-escaped text around the match, the matched words wrapped in <mark>…</mark>. */
  snippet: z.string(),
  /** Higher is better; comparable within one result list only. */
  score: z.number(),
});

export const SearchResultSchema = z.object({
  items: z.array(SearchHitSchema),
  /** Matching tickets the caller may see (never counts text they may not read). */
  total: z.number(),
  /**
   * True when more text matched than a search ranks (the newest thousand matching documents): `total` then counts the
   * matching tickets among those, and the real number is higher (show it as "1,000+").
   */
  totalIsLowerBound: z.boolean(),
  limit: z.number(),
  offset: z.number(),
});

// ---- saved views ----

export const viewColumns = [
  'ref', 'subject', 'status', 'priority', 'requester', 'organization', 'team', 'assignee', 'category',
  'type', 'channel', 'tags', 'tier', 'createdAt', 'updatedAt', 'firstResponseAt', 'resolvedAt',
] as const;

const viewName = z.string().trim().min(1, 'a view needs a name').max(120, 'at most 120 characters');

export const CreateViewBodySchema = z
  .object({
    name: viewName,
    filters: TicketViewFiltersSchema.strict().default({}),
    sort: z.enum(ticketSorts).default('-createdAt'),
    columns: z.array(z.enum(viewColumns)).max(viewColumns.length).default(['ref', 'subject', 'status', 'priority', 'assignee', 'updatedAt']),
    /** Everyone at the desk sees a shared view (needs views.share). */
    shared: z.boolean().default(false),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

export const UpdateViewBodySchema = z
  .object({
    name: viewName.optional(),
    filters: TicketViewFiltersSchema.strict().optional(),
    sort: z.enum(ticketSorts).optional(),
    columns: z.array(z.enum(viewColumns)).max(viewColumns.length).optional(),
    shared: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'name at least one change');

export const ViewSchema = z.object({
  id: z.number(),
  ownerId: z.number(),
  shared: z.boolean(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  sort: z.enum(ticketSorts),
  columns: z.array(z.string()),
  position: z.number(),
  /** Tickets the caller would see in this view now ("me" is the caller). */
  count: z.number().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type View = z.infer<typeof ViewSchema>;

export const ViewListSchema = z.object({ items: z.array(ViewSchema) });

// ---- attachments ----

export const AttachmentSchema = z.object({
  id: z.number(),
  ticketId: z.number(),
  /** Null until a message carries it. */
  messageId: z.number().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  /** Where to download it. */
  url: z.string(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const AttachmentListSchema = z.object({ items: z.array(AttachmentSchema) });

export const AttachToMessageBodySchema = z
  .object({ messageId: z.number().int().positive() })
  .strict();

// ---- presence and the event stream ----

export const presenceStates = ['viewing', 'replying', 'left'] as const;
export const PresenceBodySchema = z.object({ state: z.enum(presenceStates) }).strict();

export const PresenceSchema = z.object({
  ticketId: z.number(),
  userId: z.number(),
  name: z.string(),
  state: z.enum(presenceStates),
  expiresAt: z.string(),
});
export const PresenceListSchema = z.object({ items: z.array(PresenceSchema) });

/**
 * What `GET /api/v1/events` sends as the `data:` of each Server-Sent Event. `event:` is the type:
 * ticket.created, ticket.updated, message.created, presence.changed, or stream.reset (the client
 * missed events and should reload what it shows).
 */
export const LiveEventSchema = z.object({
  type: z.string(),
  occurredAt: z.string(),
  actorId: z.number().nullable(),
  ticket: z
    .object({
      id: z.number(),
      ref: z.number().optional(),
      reference: z.string().optional(),
      subject: z.string().optional(),
      status: TicketStatusSchema.optional(),
      priority: PrioritySchema.optional(),
      teamId: z.number().nullable().optional(),
      assigneeId: z.number().nullable().optional(),
      requesterId: z.number().optional(),
      version: z.number().optional(),
      /** false when this change took the ticket out of the caller's sight (e.g. reassigned away). */
      visible: z.boolean(),
    })
    .optional(),
  message: z
    .object({ id: z.number(), ticketId: z.number(), kind: z.string(), internal: z.boolean(), authorId: z.number().nullable() })
    .optional(),
  presence: PresenceSchema.optional(),
});
export type LiveEvent = z.infer<typeof LiveEventSchema>;
export type Presence = z.infer<typeof PresenceSchema>;
