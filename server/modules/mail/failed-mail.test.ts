import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailFailure } from '../../../shared/schemas/mail.js';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createTeam, createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { deliverTo, freePort } from './test-support.js';

describe.each(testDatabases)('retrying failed mail over HTTP on %s', (dialect) => {
  let app: TestApp;
  let port: number;
  let headers: Record<string, string>;
  let helpMailboxId: number;

  beforeAll(async () => {
    port = await freePort();
    // One mail an hour per sender: the second is parked, which is a failure an admin can fix by retrying.
    app = await createTestApp(dialect, { env: { SMTP_PORT: String(port), MAIL_SENDER_LIMIT_PER_HOUR: '1' } });
    const db = app.database.db;
    headers = bearer(await createApiToken(db, (await createUser(db, { role: 'admin', password: null })).id, 'admin'));
    const team = await createTeam(db, { name: 'Service desk' });
    helpMailboxId = (await addMailbox('help@desk.test', team.id)).id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function addMailbox(address: string, teamId: number | null = null) {
    const created = await app.http.inject({ method: 'POST', url: '/api/v1/mailboxes', headers, payload: { address, teamId, inboundMode: 'smtp' } });
    expect(created.statusCode).toBe(201);
    return created.json<{ id: number }>();
  }

  const list = async (includeResolved = false) => {
    const response = await app.http.inject({ method: 'GET', url: `/api/v1/mail/failures?includeResolved=${includeResolved}`, headers });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: MailFailure[] }>().items;
  };
  const failureOf = async (messageId: string, includeResolved = false) => (await list(includeResolved)).filter((failure) => failure.messageId === messageId);
  const reprocess = (id: number, payload: object = {}) => app.http.inject({ method: 'POST', url: `/api/v1/mail/failures/${id}/reprocess`, headers, payload });

  /** Sends a mail from loop@example.com twice as often as allowed: the second, `messageId`, is parked. */
  async function parkedMail(messageId: string, subject: string, to = 'help@desk.test') {
    const send = (id: string, subjectLine: string) =>
      deliverTo(port).sendMail({ envelope: { from: 'loop@example.com', to: [to] }, raw: `From: loop@example.com\r\nTo: ${to}\r\nSubject: ${subjectLine}\r\nMessage-ID: <${id}>\r\n\r\nHello.\r\n` });
    await send(`first-${messageId}`, `First of ${subject}`);
    await send(messageId, subject);
    const [failure] = await failureOf(messageId);
    expect(failure, 'the parked mail').toMatchObject({ reason: 'rate_limited', attempts: 1 });
    return failure!;
  }

  it('lists a mail that fails again once, with how many attempts were made and the last error', async () => {
    await deliverTo(port).sendMail({
      envelope: { from: '', to: ['help@desk.test'] },
      raw: 'To: help@desk.test\r\nSubject: Who sent this?\r\nMessage-ID: <anonymous-1@example.com>\r\n\r\nNo sender anywhere.\r\n',
    });
    const [first] = await failureOf('anonymous-1@example.com');
    expect(first).toMatchObject({ reason: 'no_sender', attempts: 1, resolvedAt: null });
    expect(first!.lastFailedAt).toBe(first!.createdAt);

    for (const _attempt of [2, 3]) {
      const retried = await reprocess(first!.id);
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ status: 'failed', reason: 'no_sender', rawMessageId: first!.rawMessageId });
    }
    const rows = await failureOf('anonymous-1@example.com', true);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first!.id, rawMessageId: first!.rawMessageId, reason: 'no_sender', attempts: 3, createdAt: first!.createdAt, resolvedAt: null });
    expect(rows[0]!.lastFailedAt >= first!.createdAt).toBe(true);
  });

  it('keeps the last error when a retry fails for another reason, and resolves the one row when a retry imports it', async () => {
    const elsewhere = await addMailbox('old-queue@desk.test');
    const parked = await parkedMail('parked-1@example.com', 'Printer queue stuck', 'old-queue@desk.test');
    // The mailbox it came to is gone: the retry fails again, now for that reason.
    expect((await app.http.inject({ method: 'DELETE', url: `/api/v1/mailboxes/${elsewhere.id}`, headers })).statusCode).toBe(204);
    expect((await reprocess(parked.id)).json()).toMatchObject({ status: 'failed', reason: 'unknown_recipient' });
    const [again] = await failureOf('parked-1@example.com');
    expect(again).toMatchObject({ id: parked.id, reason: 'unknown_recipient', attempts: 2 });
    expect(again!.detail).toMatch(/no mailbox/);

    // Bad input is refused with a 4xx and counts no attempt.
    const noSuchMailbox = await reprocess(parked.id, { mailboxId: 999_999 });
    expect(noSuchMailbox.statusCode).toBe(400);
    expect(noSuchMailbox.json()).toMatchObject({ error: { code: 'invalid_field', details: { field: 'mailboxId' } } });
    expect((await reprocess(parked.id, { mailboxId: 'help' })).statusCode).toBe(400);
    expect((await reprocess(999_999)).statusCode).toBe(404);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/mail/failures/999999/raw', headers })).statusCode).toBe(404);
    expect((await failureOf('parked-1@example.com'))[0]).toMatchObject({ attempts: 2, reason: 'unknown_recipient' });

    const imported = await reprocess(parked.id, { mailboxId: helpMailboxId });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ status: 'imported', rawMessageId: parked.rawMessageId });
    expect(await failureOf('parked-1@example.com')).toEqual([]);
    const resolved = await failureOf('parked-1@example.com', true);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ id: parked.id, attempts: 2, reason: 'unknown_recipient' });
    expect(resolved[0]!.resolvedAt).not.toBeNull();
    expect((await reprocess(parked.id)).statusCode).toBe(409);
  });

  it('imports a mail once when two admins retry it at the same moment', async () => {
    const parked = await parkedMail('parked-2@example.com', 'Scanner offline');
    const answers = await Promise.all([reprocess(parked.id), reprocess(parked.id)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const tickets = await app.database.db.selectFrom('tickets').select('id').where('subject', '=', 'Scanner offline').execute();
    expect(tickets).toHaveLength(1);
  });
});
