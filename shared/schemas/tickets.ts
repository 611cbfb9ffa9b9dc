/**
 * The tickets API contract: one zod definition gives the server its validation, the OpenAPI document
 * its schemas and the web app its types.
 */
import { z } from 'zod';
import { impacts, priorities, urgencies } from '../priority-matrix.js';
import { ticketStatuses } from '../ticket-status.js';
import { accentColors, deskNameMaxLength, isAllowedLogoUrl, logoUrlMaxLength } from '../desk-brand.js';

export type { Impact, Priority, Urgency, PriorityMatrix } from '../priority-matrix.js';
export type { TicketStatus } from '../ticket-status.js';

export const ticketChannels = ['portal', 'email', 'phone', 'api'] as const;
export type TicketChannel = (typeof ticketChannels)[number];
export const ticketTypes = ['incident', 'service_request', 'question', 'problem', 'change'] as const;
export type TicketType = (typeof ticketTypes)[number];
/** message: from the requester's side; reply: an agent's public answer; note: internal; event: system. */
export const messageKinds = ['message', 'reply', 'note', 'event'] as const;
export type MessageKind = (typeof messageKinds)[number];
/** How links are stored (one direction); `child_of` is stored as the other ticket's `parent_of`. */
export const linkKinds = ['parent_of', 'related', 'duplicate_of', 'caused_by'] as const;
export type LinkKind = (typeof linkKinds)[number];
/** How a link reads from one ticket's side. */
export const linkRelations = ['parent_of', 'child_of', 'related', 'duplicate_of', 'duplicated_by', 'caused_by', 'causes'] as const;
export type LinkRelation = (typeof linkRelations)[number];
export const customFieldTypes = ['text', 'number', 'date', 'dropdown', 'multi_select', 'checkbox'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export const TicketStatusSchema = z.enum(ticketStatuses);
export const PrioritySchema = z.enum(priorities);
export const ImpactSchema = z.enum(impacts);
export const UrgencySchema = z.enum(urgencies);
export const TicketChannelSchema = z.enum(ticketChannels);
export const TicketTypeSchema = z.enum(ticketTypes);

const id = z.coerce.number().int().positive();
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'a tag cannot be empty')
  .max(50, 'a tag has at most 50 characters')
  .regex(/^[\p{L}\p{N}_.:/-]+$/u, 'a tag is letters, digits and _ . : / - (no spaces)');
/** Custom field values: text, number, date (YYYY-MM-DD), checkbox, or a list (multi-select). */
export const CustomFieldValueSchema = z.union([z.string().max(10_000), z.number(), z.boolean(), z.array(z.string().max(500)).max(100), z.null()]);
const customFieldValues = z.record(z.string().max(64), CustomFieldValueSchema);

export const UserRefSchema = z.object({ id: z.number(), name: z.string(), email: z.string().nullable() });
export type UserRef = z.infer<typeof UserRefSchema>;

/**
 * The ticket's most urgent SLA clock, as the desk shows it on every row: a breached clock first, then the running
 * one due soonest, then a paused one, then a met one. (The full set is at GET /api/v1/tickets/{id}/sla.)
 */
export const TicketSlaSummarySchema = z.object({
  metric: z.enum(['first_response', 'next_response', 'resolution']),
  /** What the desk colours by. */
  status: z.enum(['ok', 'warning', 'breached', 'paused', 'met']),
  /** When a running clock comes due; null while paused or met. */
  dueAt: z.string().nullable(),
  /** Business time left at the moment of reading (target − spent); negative when overdue. */
  remainingMs: z.number(),
});
export type TicketSlaSummary = z.infer<typeof TicketSlaSummarySchema>;

export const TicketSchema = z.object({
  id: z.number(),
  /** Human reference number, sequential and never reused. */
  ref: z.number(),
  /** The reference as people write it: "#1042". */
  reference: z.string(),
  subject: z.string(),
  status: TicketStatusSchema,
  priority: PrioritySchema,
  /** Priority was set by hand rather than from impact × urgency. */
  priorityOverridden: z.boolean(),
  impact: ImpactSchema,
  urgency: UrgencySchema,
  channel: TicketChannelSchema,
  type: TicketTypeSchema,
  requesterId: z.number(),
  requester: UserRefSchema,
  organizationId: z.number().nullable(),
  categoryId: z.number().nullable(),
  teamId: z.number().nullable(),
  assigneeId: z.number().nullable(),
  assignee: UserRefSchema.nullable(),
  /** Support tier (1 is the front line). */
  tier: z.number(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), CustomFieldValueSchema),
  watcherIds: z.array(z.number()),
  mergedIntoId: z.number().nullable(),
  /** Optimistic concurrency: send it back with every change. */
  version: z.number(),
  reopenCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The most urgent SLA clock; null when no SLA policy applies to the ticket. */
  sla: TicketSlaSummarySchema.nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

const optionalId = id.nullable().optional();

export const CreateTicketBodySchema = z
  .object({
    subject: z.string().trim().min(1, 'the subject cannot be empty').max(250, 'the subject has at most 250 characters'),
    /** HTML or plain text; sanitised on the way in. */
    body: z.string().min(1, 'the body cannot be empty').max(500_000, 'the body is too long'),
    /** An agent logging a ticket for someone else (phone, walk-in): their user id… */
    requesterId: id.optional(),
    /** …or their email address (an unknown address becomes a new requester). */
    requesterEmail: z.email('requesterEmail must be an email address').max(254).optional(),
    /** Name for a new requester created from requesterEmail. */
    requesterName: z.string().trim().min(1).max(200).optional(),
    channel: TicketChannelSchema.optional(),
    type: TicketTypeSchema.optional(),
    impact: ImpactSchema.optional(),
    urgency: UrgencySchema.optional(),
    /** Overrides impact × urgency. */
    priority: PrioritySchema.optional(),
    categoryId: optionalId,
    teamId: optionalId,
    assigneeId: optionalId,
    tier: z.number().int().min(1).max(9).optional(),
    tags: z.array(tag).max(50).optional(),
    customFields: customFieldValues.optional(),
    watcherIds: z.array(id).max(100).optional(),
  })
  .strict();
export type CreateTicketBody = z.infer<typeof CreateTicketBodySchema>;

export const UpdateTicketBodySchema = z
  .object({
    /** The version the client last saw; a stale one is refused with the current ticket. */
    version: z.number().int().positive(),
    subject: z.string().trim().min(1).max(250).optional(),
    status: TicketStatusSchema.optional(),
    type: TicketTypeSchema.optional(),
    impact: ImpactSchema.optional(),
    urgency: UrgencySchema.optional(),
    /** A priority overrides the matrix; null returns to it. */
    priority: PrioritySchema.nullable().optional(),
    categoryId: optionalId,
    teamId: optionalId,
    assigneeId: optionalId,
    tier: z.number().int().min(1).max(9).optional(),
    requesterId: id.optional(),
    /** Replaces the tag set. */
    tags: z.array(tag).max(50).optional(),
    /** Merged into the current values; null clears one. */
    customFields: customFieldValues.optional(),
    /** Replaces the watcher set. */
    watcherIds: z.array(id).max(100).optional(),
    /** Why (recorded in the history). */
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();
export type UpdateTicketBody = z.infer<typeof UpdateTicketBodySchema>;

/** `due`: the running SLA clock due soonest first (overdue ones at the top); tickets without a running clock last. */
export const ticketSorts = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'priority', '-priority', 'ref', '-ref', 'due'] as const;
export type TicketSort = (typeof ticketSorts)[number];

/** A query value given once, repeated, or comma-separated. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (value === undefined || value === '') return undefined;
    const values = Array.isArray(value) ? value : [value];
    return values.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])).filter((v) => v !== '');
  }, z.array(item).min(1).max(100).optional());
}

/** Free text as people type it; the server keeps letters and digits and matches word prefixes. */
export const SearchTextSchema = z.string().trim().min(1, 'type something to search for').max(200, 'at most 200 characters');

export const TicketListQuerySchema = z.object({
  status: listOf(TicketStatusSchema),
  priority: listOf(PrioritySchema),
  teamId: listOf(id),
  /** User ids, `me`, or `unassigned`. */
  assigneeId: listOf(z.union([z.literal('me'), z.literal('unassigned'), id])),
  categoryId: listOf(id),
  /** Tickets carrying all of these tags. */
  tags: listOf(tag),
  requesterId: listOf(id),
  organizationId: listOf(id),
  channel: listOf(TicketChannelSchema),
  type: listOf(TicketTypeSchema),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  updatedFrom: z.iso.datetime({ offset: true }).optional(),
  updatedTo: z.iso.datetime({ offset: true }).optional(),
  /**
   * "Breaching in the next N minutes": tickets with a running SLA clock due within N minutes from now, including
   * those already overdue (breached and still owed). 0 keeps only the overdue ones.
   */
  dueWithinMinutes: z.coerce
    .number('dueWithinMinutes must be a whole number of minutes')
    .int('dueWithinMinutes must be a whole number of minutes')
    .min(0, 'dueWithinMinutes cannot be negative')
    .max(525_600, 'dueWithinMinutes is at most 525600 (a year)')
    .optional(),
  /** Full text over subjects, messages and attachment names (what the caller may read). */
  q: SearchTextSchema.optional(),
  sort: z.enum(ticketSorts).default('-createdAt'),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TicketListQuery = z.infer<typeof TicketListQuerySchema>;
/** The filters alone (saved views store these). */
export type TicketFilters = Omit<TicketListQuery, 'sort' | 'cursor' | 'limit'>;

export const TicketListSchema = z.object({ items: z.array(TicketSchema), nextCursor: z.string().nullable() });

/** A file on a message, as the conversation shows it. */
export const MessageAttachmentSchema = z.object({
  id: z.number(),
  filename: z.string(),
  contentType: z.string(),
  /** Bytes. */
  size: z.number(),
  /** Where to download it. */
  url: z.string(),
});
export type MessageAttachment = z.infer<typeof MessageAttachmentSchema>;

export const MessageSchema = z.object({
  id: z.number(),
  ticketId: z.number(),
  kind: z.enum(messageKinds),
  internal: z.boolean(),
  channel: z.string(),
  author: UserRefSchema.nullable(),
  bodyHtml: z.string(),
  bodyText: z.string(),
  /** Files on this message (a note's files reach only those who see the note). */
  attachments: z.array(MessageAttachmentSchema),
  createdAt: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export const CreateMessageBodySchema = z
  .object({
    body: z.string().min(1, 'the body cannot be empty').max(500_000, 'the body is too long'),
    /** An internal note, never shown to the requester. */
    internal: z.boolean().default(false),
    channel: TicketChannelSchema.optional(),
    /**
     * Files to put on this message: ids from POST /tickets/{id}/attachments, uploaded by the caller to this
     * ticket and not yet on a message.
     */
    attachmentIds: z.array(z.number().int().positive()).max(20, 'at most 20 attachments per message').optional(),
  })
  .strict();
export type CreateMessageBody = z.infer<typeof CreateMessageBodySchema>;

/** Posting a message may move the ticket or, on a closed ticket, open a new one. */
export const MessageCreatedSchema = z.object({ message: MessageSchema, ticket: TicketSchema });

export const HistoryEntrySchema = z.object({
  id: z.number(),
  ticketId: z.number(),
  actor: UserRefSchema.nullable(),
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
  /** Current names of the people, teams, categories, organisations and tickets `from` and `to` name by id: "user:12" → "Maria Lopez", "ticket:40" → "#1040". */
  names: z.record(z.string(), z.string()),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

export const LinkSchema = z.object({
  id: z.number(),
  /** How the other ticket relates to this one, read from this ticket's side. */
  relation: z.enum(linkRelations),
  ticket: z.object({ id: z.number(), ref: z.number(), reference: z.string(), subject: z.string(), status: TicketStatusSchema }),
  createdAt: z.string(),
});

export const CreateLinkBodySchema = z
  .object({
    /** "this ticket <relation> the other ticket". */
    relation: z.enum(['parent_of', 'child_of', 'related', 'duplicate_of', 'caused_by', 'causes']),
    ticketId: id,
  })
  .strict();

export const TimeEntrySchema = z.object({
  id: z.number(),
  ticketId: z.number(),
  agent: UserRefSchema,
  minutes: z.number(),
  note: z.string(),
  workedAt: z.string(),
  createdAt: z.string(),
});

export const CreateTimeEntryBodySchema = z
  .object({
    minutes: z.number().int().min(1, 'at least one minute').max(24 * 60, 'at most a day per entry'),
    note: z.string().trim().max(2000).default(''),
    workedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const MergeBodySchema = z
  .object({
    /** The ticket that absorbs this one. */
    targetId: id,
    /** The source's version, when the client has it. */
    version: z.number().int().positive().optional(),
  })
  .strict();

export const BulkUpdateBodySchema = z
  .object({
    ticketIds: z.array(id).min(1).max(500),
    changes: z
      .object({
        status: TicketStatusSchema.optional(),
        assigneeId: optionalId,
        teamId: optionalId,
        priority: PrioritySchema.nullable().optional(),
        addTags: z.array(tag).max(50).optional(),
        removeTags: z.array(tag).max(50).optional(),
      })
      .strict()
      .refine((c) => Object.keys(c).length > 0, 'name at least one change'),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();

export const BulkResultSchema = z.object({
  results: z.array(
    z.object({
      ticketId: z.number(),
      ok: z.boolean(),
      ticket: TicketSchema.optional(),
      error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
    }),
  ),
});

export const CategorySchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  description: z.string(),
  position: z.number(),
  defaultTeamId: z.number().nullable(),
  isActive: z.boolean(),
});
export type Category = z.infer<typeof CategorySchema> & { children?: Category[] };

export const CategoryBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    parentId: id.nullable().optional(),
    description: z.string().max(2000).optional(),
    position: z.number().int().optional(),
    defaultTeamId: id.nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .strict();

export const CustomFieldSchema = z.object({
  id: z.number(),
  key: z.string(),
  label: z.string(),
  fieldType: z.enum(customFieldTypes),
  options: z.array(z.string()),
  requiredFromStatus: TicketStatusSchema.nullable(),
  description: z.string(),
  position: z.number(),
  isActive: z.boolean(),
});
export type CustomField = z.infer<typeof CustomFieldSchema>;

export const CustomFieldBodySchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'key is lower-case letters, digits and _, starting with a letter'),
    label: z.string().trim().min(1).max(120),
    fieldType: z.enum(customFieldTypes),
    options: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
    requiredFromStatus: TicketStatusSchema.nullable().optional(),
    description: z.string().max(2000).optional(),
    position: z.number().int().optional(),
    isActive: z.boolean().optional(),
  })
  .strict();

export const PriorityMatrixSchema = z.object({
  high: z.object({ high: PrioritySchema, medium: PrioritySchema, low: PrioritySchema }),
  medium: z.object({ high: PrioritySchema, medium: PrioritySchema, low: PrioritySchema }),
  low: z.object({ high: PrioritySchema, medium: PrioritySchema, low: PrioritySchema }),
});

/** Desk-wide ticket settings. */
export const DeskSettingsSchema = z.object({
  /**
   * The team a new ticket goes to when nothing else routes it (no team named, no category, or a category without
   * a team), so that someone sees it. Email follows its mailbox's team.
   */
  defaultTeamId: z.number().nullable(),
  /** True while no admin has chosen: the first active tier-1 team (lowest id) is used. */
  automatic: z.boolean(),
  /** The desk's name in every header, the browser tab and notification mail ("Linchpin" until chosen). */
  deskName: z.string(),
  /** The accent colour of the interface: one of a fixed set of named palettes. */
  accentColor: z.enum(accentColors),
  /** The logo shown beside the name: an https address or a path on this server; null for the built-in mark. */
  logoUrl: z.string().nullable(),
});
export type DeskSettings = z.infer<typeof DeskSettingsSchema>;

export const DeskSettingsBodySchema = z
  .object({
    /** A team id, or null for "leave unrouted tickets without a team" (only managers see them). */
    defaultTeamId: z.number().int().positive().nullable().optional(),
    /** 1–80 characters once trimmed. */
    deskName: z.string().trim().min(1, 'The desk name cannot be empty.').max(deskNameMaxLength, `The desk name can be at most ${deskNameMaxLength} characters.`).optional(),
    accentColor: z.enum(accentColors, { error: `The accent colour must be one of ${accentColors.join(', ')}.` }).optional(),
    /** An https address or a path on this server (at most 500 characters), or null for none. */
    logoUrl: z
      .string()
      .max(logoUrlMaxLength, `The logo address can be at most ${logoUrlMaxLength} characters.`)
      .refine(isAllowedLogoUrl, 'The logo address must start with https:// or be a path on this server.')
      .nullable()
      .optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one setting to change.');

/** Saved views: filters + sort + columns, personal or shared. */
export const SavedViewSchema = z.object({
  id: z.number(),
  ownerId: z.number(),
  shared: z.boolean(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  sort: z.enum(ticketSorts),
  columns: z.array(z.string()),
});
