import type { Mailbox, MailboxCheck, MailboxInput } from '../../../shared/schemas/mail.js';
import { nowIso, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { inboundStatuses, recordInboundStatus, type InboundStatusRow, type MailboxRow } from './mail.repository.js';
import { checkMailboxConnections } from './mailbox-connection.js';
import type { SecretBox } from './secret-box.js';

/** Admin side of mailboxes: addresses, routing and the credentials the desk uses to fetch and send. */
export function createMailboxesService(deps: { db: Db; clock: Clock; secrets: SecretBox }) {
  const { db, clock, secrets } = deps;

  function present(row: MailboxRow, status?: InboundStatusRow): Mailbox {
    return {
      id: Number(row.id),
      address: row.address,
      displayName: row.displayName,
      teamId: row.teamId === null ? null : Number(row.teamId),
      inboundMode: row.inboundMode,
      isActive: Boolean(row.isActive),
      imap: row.imapHost
        ? {
            host: row.imapHost,
            port: Number(row.imapPort ?? 993),
            tls: Boolean(row.imapTls),
            user: row.imapUser ?? '',
            hasPassword: row.imapPasswordSealed !== null,
            folder: row.imapFolder,
            processedFolder: row.imapProcessedFolder,
            verifyCertificate: Boolean(row.imapVerifyCertificate),
          }
        : null,
      smtp: row.smtpHost
        ? {
            host: row.smtpHost,
            port: Number(row.smtpPort ?? 587),
            secure: Boolean(row.smtpSecure),
            user: row.smtpUser,
            hasPassword: row.smtpPasswordSealed !== null,
            verifyCertificate: Boolean(row.smtpVerifyCertificate),
          }
        : null,
      inboundStatus: status ? { checkedAt: status.checkedAt, error: status.error, errorAt: status.errorAt } : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  async function assertTeam(teamId: number | null) {
    if (teamId === null) return;
    const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw new ValidationError('invalid_field', `There is no team ${teamId}.`, { field: 'teamId' });
  }

  async function assertAddressFree(address: string, exceptId?: number) {
    let query = db.selectFrom('mailboxes').select('id').where('address', '=', address);
    if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
    if (await query.executeTakeFirst()) throw new ConflictError('duplicate', `A mailbox for ${address} already exists.`, { field: 'address' });
  }

  /** Column values for the input; a password left out keeps the stored one. */
  function columns(input: MailboxInput, existing?: MailboxRow) {
    const imapPassword = input.imap?.password ? secrets.seal(input.imap.password) : input.imap ? (existing?.imapPasswordSealed ?? null) : null;
    const smtpPassword = input.smtp?.password ? secrets.seal(input.smtp.password) : input.smtp ? (existing?.smtpPasswordSealed ?? null) : null;
    if (input.imap && !imapPassword) throw new ValidationError('required_field_missing', 'The IMAP password is required.', { field: 'imap.password' });
    return {
      address: input.address,
      displayName: input.displayName,
      teamId: input.teamId,
      inboundMode: input.inboundMode,
      isActive: input.isActive,
      imapHost: input.imap?.host ?? null,
      imapPort: input.imap?.port ?? null,
      imapTls: input.imap?.tls ?? true,
      imapUser: input.imap?.user ?? null,
      imapPasswordSealed: imapPassword,
      imapFolder: input.imap?.folder ?? 'INBOX',
      imapProcessedFolder: input.imap?.processedFolder ?? null,
      imapVerifyCertificate: input.imap?.verifyCertificate ?? true,
      smtpHost: input.smtp?.host ?? null,
      smtpPort: input.smtp?.port ?? null,
      smtpSecure: input.smtp?.secure ?? false,
      smtpUser: input.smtp?.user ?? null,
      smtpPasswordSealed: smtpPassword,
      smtpVerifyCertificate: input.smtp?.verifyCertificate ?? true,
    };
  }

  async function find(id: number): Promise<MailboxRow> {
    const row = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`Mailbox ${id} does not exist.`, { mailboxId: id });
    return row;
  }

  return {
    present,
    async list(): Promise<Mailbox[]> {
      const rows = await db.selectFrom('mailboxes').selectAll().orderBy('address').execute();
      const statuses = await inboundStatuses(db);
      return rows.map((row) => present(row, statuses.get(Number(row.id))));
    },
    async get(id: number): Promise<Mailbox> {
      const row = await find(id);
      return present(row, (await inboundStatuses(db, [id])).get(id));
    },
    /** Signs in to the mailbox's servers now; the IMAP outcome is also what the mailbox shows as its status. */
    async check(id: number): Promise<MailboxCheck> {
      const row = await find(id);
      const result = await checkMailboxConnections(row, secrets);
      if (result.imap) await recordInboundStatus(db, id, { at: nowIso(clock), error: result.imap.ok ? null : result.imap.detail });
      return result;
    },
    async create(input: MailboxInput): Promise<Mailbox> {
      await assertTeam(input.teamId);
      await assertAddressFree(input.address);
      const now = nowIso(clock);
      const row = await db
        .insertInto('mailboxes')
        .values({ ...columns(input), createdAt: now, updatedAt: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      return present(row);
    },
    async update(id: number, input: MailboxInput): Promise<Mailbox> {
      const existing = await find(id);
      await assertTeam(input.teamId);
      await assertAddressFree(input.address, id);
      const row = await db
        .updateTable('mailboxes')
        .set({ ...columns(input, existing), updatedAt: nowIso(clock) })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return present(row);
    },
    async remove(id: number): Promise<void> {
      await find(id);
      await db.deleteFrom('mailboxes').where('id', '=', id).execute();
    },
    /** For the fetcher and the sender only: the stored password, opened. */
    openSecret(sealed: string | null): string | null {
      return sealed === null ? null : secrets.open(sealed);
    },
  };
}

export type MailboxesService = ReturnType<typeof createMailboxesService>;
