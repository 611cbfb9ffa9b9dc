/** The identity module's public face: other modules import from here only. */
export type { Actor } from './actor.js';
export { can, isRequesterOnly, worksTickets } from './actor.js';
export { loadActor } from './actor-loader.js';
export type { IdentityTables, TokenScope } from './identity.tables.js';
export { registerIdentityModule, registeredRoutes, type RegisteredRoute } from './identity.module.js';
export { ticketScope, canSeeTicket, type TicketScope } from './policy.js';
export { recordAudit, auditContextOf, type AuditContext, type AuditEntry } from './audit.js';
export { findOrCreateRequester, findPeople, type PersonRef } from './requesters.js';
export { organizationIdForEmail } from './organizations.service.js';
export { activeAgentIds, loadUser, loadUsers, userIdByEmail } from './users.repository.js';
export { generatePassword, hashPassword } from './passwords.js';
