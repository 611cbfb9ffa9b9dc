import fs from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createTeam, createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createEmailIntake } from '../tickets/index.js';
import { dovecotBinary, startDovecot, type TestDovecot } from './dovecot-for-tests.js';
import { createImapFetcher, type ImapFetcher } from './imap-fetcher.js';
import { createMailIngestService } from './mail-ingest.service.js';
import { createSecretBox, loadSecretKey } from './secret-box.js';

const mail = (id: string, subject: string, extra = '') =>
  Buffer.from(`From: Ann <ann@example.com>\r\nTo: help@desk.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n${extra}Content-Type: text/plain; charset=utf-8\r\n\r\nBody of ${subject}\r\n`);

describe.skipIf(!fs.existsSync(dovecotBinary)).each(testDatabases)('mail fetched over IMAP from a real Dovecot on %s', (dialect) => {
  let dovecot: TestDovecot;
  let app: TestApp;
  let fetcher: ImapFetcher;
  let mailboxId: number;
  let imap: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot();
    app = await createTestApp(dialect);
    const db = app.database.db;
    const admin = await createUser(db, { role: 'admin' });
    const team = await createTeam(db);
    const created = await app.http.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers: bearer(await createApiToken(db, admin.id, 'admin')),
      payload: { address: 'help@desk.test', teamId: team.id, inboundMode: 'imap', imap: { host: '127.0.0.1', port: dovecot.port, tls: false, user: 'help@desk.test', password: dovecot.password } },
    });
    expect(created.statusCode).toBe(201);
    mailboxId = created.json<{ id: number }>().id;
    const clock = app.context.clock;
    const intake = createEmailIntake({ db, dialect: app.database.dialect, clock, events: app.context.events, reopenWindowDays: 7 });
    const ingest = createMailIngestService({ database: app.database, clock, intake, dataDir: app.config.dataDir, senderLimitPerHour: 100 });
    fetcher = createImapFetcher({ db, ingest, secrets: createSecretBox(loadSecretKey(undefined, app.config.dataDir)), log: app.http.log, now: () => clock.now().toISOString() });
    imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'help@desk.test', pass: dovecot.password }, logger: false });
    await imap.connect();
  });
  afterAll(async () => {
    await imap?.logout().catch(() => undefined);
    await app?.stop();
    await dovecot?.stop();
  });

  const seenFlags = async () => {
    const lock = await imap.getMailboxLock('INBOX');
    try {
      const flags: Record<number, boolean> = {};
      for await (const message of imap.fetch('1:*', { uid: true, flags: true }, { uid: true })) flags[message.uid] = message.flags?.has('\\Seen') ?? false;
      return flags;
    } finally {
      lock.release();
    }
  };
  const ticketCount = async () => Number((await app.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('imports new messages once, tracks UIDVALIDITY and the last UID, and marks them seen only after commit', async () => {
    await imap.append('INBOX', mail('imap-1@example.com', 'Printer offline'));
    await imap.append('INBOX', mail('imap-2@example.com', 'Cannot log in'));
    expect(await fetcher.syncOnce(mailboxId)).toEqual({ imported: 2, duplicates: 0, failed: 0 });
    expect(await ticketCount()).toBe(2);
    expect(await seenFlags()).toEqual({ 1: true, 2: true });
    const state = await app.database.db.selectFrom('mailImapState').selectAll().where('mailboxId', '=', mailboxId).executeTakeFirstOrThrow();
    expect(Number(state.lastUid)).toBe(2);
    expect(state.uidValidity).toMatch(/^\d+$/);

    expect(await fetcher.syncOnce(mailboxId)).toEqual({ imported: 0, duplicates: 0, failed: 0 });
    expect(await ticketCount()).toBe(2);
  });

  it('threads a later reply from the mailbox into its ticket', async () => {
    await imap.append('INBOX', mail('imap-3@example.com', 'Re: Printer offline', 'In-Reply-To: <imap-1@example.com>\r\n'));
    expect(await fetcher.syncOnce(mailboxId)).toEqual({ imported: 1, duplicates: 0, failed: 0 });
    expect(await ticketCount()).toBe(2);
    const ticket = await app.database.db.selectFrom('tickets').select('id').where('subject', '=', 'Printer offline').executeTakeFirstOrThrow();
    const messages = await app.database.db.selectFrom('ticketMessages').select('bodyText').where('ticketId', '=', ticket.id).orderBy('id').execute();
    expect(messages.map((m) => m.bodyText)).toEqual(['Body of Printer offline', 'Body of Re: Printer offline']);
  });

  it('imports nothing twice when its position is lost (a crash, or a new UIDVALIDITY)', async () => {
    await app.database.db.deleteFrom('mailImapState').execute();
    expect(await fetcher.syncOnce(mailboxId)).toEqual({ imported: 0, duplicates: 3, failed: 0 });
    expect(await ticketCount()).toBe(2);
  });

  it('shows on the mailbox when fetching last worked, and what the server said when it did not', async () => {
    const admin = await createUser(app.database.db, { role: 'admin' });
    const headers = bearer(await createApiToken(app.database.db, admin.id, 'admin'));
    const mailbox = async () => (await app.http.inject({ method: 'GET', url: `/api/v1/mailboxes/${mailboxId}`, headers })).json<{ inboundStatus: { checkedAt: string | null; error: string | null } | null; imap: object }>();
    await fetcher.syncOnce(mailboxId);
    const good = await mailbox();
    // No SMTP_PORT here: the listener is off, and the list says so.
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/mailboxes', headers })).json<{ smtpListener: unknown }>().smtpListener).toEqual({ port: null });
    expect(good.inboundStatus?.checkedAt).toEqual(expect.any(String));
    expect(good.inboundStatus?.error).toBeNull();

    const checked = await app.http.inject({ method: 'POST', url: `/api/v1/mailboxes/${mailboxId}/check`, headers });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toEqual({ imap: { ok: true, detail: expect.stringMatching(/^Signed in as help@desk\.test; INBOX holds \d+ messages/) }, smtp: null });
    const lastGood = (await mailbox()).inboundStatus?.checkedAt;
    expect(lastGood! >= good.inboundStatus!.checkedAt!).toBe(true);

    // A wrong password: the sync fails, the mailbox says why, and the last good time stays.
    const wrong = { ...good.imap, password: 'not-the-password' };
    const changed = await app.http.inject({ method: 'PUT', url: `/api/v1/mailboxes/${mailboxId}`, headers, payload: { address: 'help@desk.test', inboundMode: 'imap', imap: wrong } });
    expect(changed.statusCode).toBe(200);
    await expect(fetcher.syncOnce(mailboxId)).rejects.toThrow();
    const failing = await mailbox();
    expect(failing.inboundStatus?.error).toMatch(/refused the user name or password/);
    expect(failing.inboundStatus?.checkedAt).toBe(lastGood);
    const refused = await app.http.inject({ method: 'POST', url: `/api/v1/mailboxes/${mailboxId}/check`, headers });
    expect(refused.json()).toEqual({ imap: { ok: false, detail: expect.stringMatching(/refused the user name or password/) }, smtp: null });

    // Back to the right password: the next check clears the error.
    await app.http.inject({ method: 'PUT', url: `/api/v1/mailboxes/${mailboxId}`, headers, payload: { address: 'help@desk.test', inboundMode: 'imap', imap: { ...good.imap, password: dovecot.password } } });
    expect((await app.http.inject({ method: 'POST', url: `/api/v1/mailboxes/${mailboxId}/check`, headers })).json<{ imap: { ok: boolean } }>().imap.ok).toBe(true);
    expect((await mailbox()).inboundStatus?.error).toBeNull();
  });
});
