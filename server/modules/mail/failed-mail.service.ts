import type { MailFailure } from '../../../shared/schemas/mail.js';
import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { IngestOutcome, MailIngestService } from './mail-ingest.service.js';
import { findMailbox, findRawMessage } from './mail.repository.js';

/** The failed-mail list: what could not become a ticket, for an admin to read, download and retry (one row a mail). */
export function createFailedMailService(deps: { db: Db; ingest: MailIngestService }) {
  const { db } = deps;

  const baseQuery = () =>
    db
      .selectFrom('mailFailures')
      .innerJoin('mailRawMessages', 'mailRawMessages.id', 'mailFailures.rawMessageId')
      .select([
        'mailFailures.id',
        'mailFailures.rawMessageId',
        'mailFailures.reason',
        'mailFailures.detail',
        'mailFailures.attempts',
        'mailFailures.createdAt',
        'mailFailures.lastFailedAt',
        'mailFailures.resolvedAt',
        'mailRawMessages.mailboxId',
        'mailRawMessages.envelopeFrom',
        'mailRawMessages.messageId',
        'mailRawMessages.sizeBytes',
      ]);

  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
  const present = (row: Row): MailFailure => ({
    id: Number(row.id),
    rawMessageId: Number(row.rawMessageId),
    reason: row.reason,
    detail: row.detail,
    attempts: Number(row.attempts),
    mailboxId: row.mailboxId === null ? null : Number(row.mailboxId),
    envelopeFrom: row.envelopeFrom,
    messageId: row.messageId,
    sizeBytes: Number(row.sizeBytes),
    createdAt: row.createdAt,
    lastFailedAt: row.lastFailedAt ?? row.createdAt,
    resolvedAt: row.resolvedAt,
  });

  async function find(id: number): Promise<Row> {
    const row = await baseQuery().where('mailFailures.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`Failed mail ${id} does not exist.`, { failureId: id });
    return row;
  }

  return {
    /** Newest first, keyset-paginated by id. */
    async list(options: { includeResolved: boolean; before?: number | undefined; limit: number }) {
      let query = baseQuery().orderBy('mailFailures.id', 'desc').limit(options.limit + 1);
      if (!options.includeResolved) query = query.where('mailFailures.resolvedAt', 'is', null);
      if (options.before !== undefined) query = query.where('mailFailures.id', '<', options.before);
      const rows = await query.execute();
      const page = rows.slice(0, options.limit);
      const last = page.at(-1);
      return { items: page.map(present), nextCursor: rows.length > options.limit && last ? String(last.id) : null };
    },
    async raw(id: number): Promise<{ content: Buffer; fileName: string }> {
      const failure = await find(id);
      const raw = await findRawMessage(db, Number(failure.rawMessageId));
      if (!raw) throw new NotFoundError(`The raw message of failed mail ${id} is gone.`);
      return { content: Buffer.from(raw.content), fileName: `failed-mail-${id}.eml` };
    },
    /** Runs the stored message through intake again, optionally into a chosen mailbox. */
    async reprocess(id: number, mailboxId: number | undefined): Promise<IngestOutcome> {
      const failure = await find(id);
      if (failure.resolvedAt !== null) throw new ConflictError('conflict', `Failed mail ${id} was already imported.`);
      const raw = await findRawMessage(db, Number(failure.rawMessageId));
      if (!raw) throw new NotFoundError(`The raw message of failed mail ${id} is gone.`);
      const target = mailboxId ?? (raw.mailboxId === null ? null : Number(raw.mailboxId));
      if (mailboxId !== undefined && !(await findMailbox(db, mailboxId))) {
        throw new ValidationError('invalid_field', `There is no mailbox ${mailboxId}.`, { field: 'mailboxId' });
      }
      if (target !== raw.mailboxId) await db.updateTable('mailRawMessages').set({ mailboxId: target }).where('id', '=', raw.id).execute();
      return deps.ingest.ingest(
        { raw: Buffer.from(raw.content), source: raw.source, mailboxId: target, envelopeFrom: raw.envelopeFrom, envelopeTo: [] },
        Number(raw.id),
      );
    },
  };
}

export type FailedMailService = ReturnType<typeof createFailedMailService>;
