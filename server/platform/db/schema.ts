import type { MailTables } from '../../modules/mail/mail.tables.js';
import type { IdentityTables } from '../../modules/identity/identity.tables.js';
import type { TicketsTables } from '../../modules/tickets/tickets.tables.js';
import type { SlaTables } from '../../modules/sla/sla.tables.js';
import type { EventsTables } from '../events/events.tables.js';
import type { JobsTables } from '../jobs/jobs.tables.js';
import type { PlatformTables } from './platform.tables.js';

/**
 * The whole database as Kysely sees it (camelCase; the compiler writes snake_case columns, see naming.ts).
 * Each module declares its own tables; this interface only gathers them.
 */
export interface Database extends PlatformTables, JobsTables, EventsTables, IdentityTables, TicketsTables, MailTables, SlaTables {}
