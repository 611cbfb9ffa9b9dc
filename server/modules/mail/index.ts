/** The mail module's public face. */
export { registerMailModule, type MailModule } from './mail.module.js';
export type { MailTables } from './mail.tables.js';
