import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createTeam, createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createEmailIntake, type EmailIntake } from '../tickets/index.js';
import { createMailIngestService } from './mail-ingest.service.js';
import { deliverTo, freePort } from './test-support.js';

const raw = (id: string, subject: string) =>
  Buffer.from(`From: Gina <gina@example.com>\r\nTo: help@desk.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody of ${subject}\r\n`);

// Mails arriving together share a commit; each still stands or falls alone.
describe.each(testDatabases)('mail arriving in a burst on %s', (dialect) => {
  let app: TestApp;
  let port: number;
  let mailboxId: number;

  beforeAll(async () => {
    port = await freePort();
    app = await createTestApp(dialect, { env: { SMTP_PORT: String(port), MAIL_SENDER_LIMIT_PER_HOUR: '1000' } });
    const db = app.database.db;
    const admin = await createUser(db, { role: 'admin' });
    const team = await createTeam(db, { name: 'Burst desk' });
    const created = await app.http.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers: bearer(await createApiToken(db, admin.id, 'admin')),
      payload: { address: 'help@desk.test', teamId: team.id, inboundMode: 'smtp' },
    });
    expect(created.statusCode).toBe(201);
    mailboxId = created.json<{ id: number }>().id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const countWhere = async (table: 'tickets' | 'mailRawMessages', column: 'subject' | 'messageId', like: string) =>
    Number((await app.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where(column, 'like', like).executeTakeFirstOrThrow()).n);

  it('stores every mail of a burst once and acknowledges each, even two copies of one mail sent at the same time', async () => {
    const mails = Array.from({ length: 12 }, (_, i) => ({ from: 'gina@example.com', to: 'help@desk.test', subject: `Burst ${i}`, text: `Mail ${i}.`, messageId: `<burst-${i}@example.com>` }));
    const copy = { ...mails[3]! };
    const answers = await Promise.all([...mails, copy].map((mail) => deliverTo(port).sendMail(mail)));
    expect(answers.every((answer) => /^250 /.test(answer.response))).toBe(true);
    expect(await countWhere('tickets', 'subject', 'Burst %')).toBe(12);
    expect(await countWhere('mailRawMessages', 'messageId', 'burst-%')).toBe(12);
  });

  it('refuses only the mail whose import failed; the mails committed beside it stay', async () => {
    const { db } = app.database;
    const clock = app.context.clock;
    const real = createEmailIntake({ db, dialect: app.database.dialect, clock, events: app.context.events, reopenWindowDays: 7 });
    // The outside world failing mid-import (a full disk, a constraint), for one mail of the burst.
    const intake: EmailIntake = {
      ...real,
      async openTicket(tx, input) {
        const result = await real.openTicket(tx, input);
        if (input.subject === 'Doomed') throw new Error('disk full');
        return result;
      },
    };
    const ingest = createMailIngestService({ database: app.database, clock, intake, dataDir: app.config.dataDir, senderLimitPerHour: 1000 });
    const subjects = ['Kept 1', 'Kept 2', 'Doomed', 'Kept 3', 'Kept 4'];
    const settled = await Promise.allSettled(subjects.map((subject, i) => ingest.ingest({ raw: raw(`group-${i}@example.com`, subject), source: 'smtp', mailboxId, envelopeTo: ['help@desk.test'] })));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await countWhere('tickets', 'subject', 'Kept %')).toBe(4);
    expect(await countWhere('tickets', 'subject', 'Doomed')).toBe(0);
    expect(await countWhere('mailRawMessages', 'messageId', 'group-%')).toBe(4);
    // Sent again once the fault is gone, the refused mail is imported.
    const retried = await createMailIngestService({ database: app.database, clock, intake: real, dataDir: app.config.dataDir, senderLimitPerHour: 1000 }).ingest({
      raw: raw('group-2@example.com', 'Doomed'),
      source: 'smtp',
      mailboxId,
      envelopeTo: ['help@desk.test'],
    });
    expect(retried.status).toBe('imported');
    expect(await countWhere('tickets', 'subject', 'Doomed')).toBe(1);
  });
});
