import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../../platform/db/column-types.js';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createOrganization, createTeam, createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { deliverTo, freePort } from './test-support.js';

describe.each(testDatabases)('mail arriving over SMTP on %s', (dialect) => {
  let app: TestApp;
  let port: number;
  let adminToken: string;
  let teamId: number;
  let mailboxId: number;

  beforeAll(async () => {
    port = await freePort();
    app = await createTestApp(dialect, { env: { SMTP_PORT: String(port), MAIL_SENDER_LIMIT_PER_HOUR: '5' } });
    const db = app.database.db;
    const admin = await createUser(db, { role: 'admin' });
    adminToken = await createApiToken(db, admin.id, 'admin');
    teamId = (await createTeam(db, { name: 'Service desk' })).id;
    await createOrganization(db, { name: 'Example Ltd', domains: ['example.com'] });
    const created = await app.http.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers: bearer(adminToken),
      payload: { address: 'Help@Desk.test', displayName: 'Help Desk', teamId, inboundMode: 'smtp', smtp: { host: '127.0.0.1', port: 2525, user: 'desk', password: 's3cret-smtp' } },
    });
    expect(created.statusCode).toBe(201);
    mailboxId = created.json<{ id: number }>().id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const ticketsBySubject = (subject: string) => app.database.db.selectFrom('tickets').selectAll().where('subject', '=', subject).execute();

  it('turns a new mail into a ticket for the mailbox team, with the sender as requester and Cc as watchers', async () => {
    const info = await deliverTo(port).sendMail({
      from: 'Ann Example <ann@example.com>',
      to: 'help@desk.test',
      cc: 'Carl <carl@example.com>',
      subject: 'VPN drops every hour',
      text: 'Since Monday the VPN drops every hour.\n\n-- \nAnn',
      attachments: [{ filename: 'log.txt', content: 'error 809' }],
    });
    expect(info.response).toMatch(/^250 /);
    const [ticket] = await ticketsBySubject('VPN drops every hour');
    expect(ticket).toMatchObject({ channel: 'email', status: 'new', teamId });
    const db = app.database.db;
    const requester = await db.selectFrom('userEmails').innerJoin('users', 'users.id', 'userEmails.userId').selectAll().where('email', '=', 'ann@example.com').executeTakeFirstOrThrow();
    expect(ticket?.requesterId).toBe(requester.userId);
    expect(requester.organizationId).not.toBeNull();
    const carl = await db.selectFrom('userEmails').select('userId').where('email', '=', 'carl@example.com').executeTakeFirstOrThrow();
    expect(parseJson<number[]>(ticket?.watcherIds).map(Number)).toEqual([Number(carl.userId)]);
    const messages = await db.selectFrom('ticketMessages').selectAll().where('ticketId', '=', ticket!.id).execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.bodyText).toBe('Since Monday the VPN drops every hour.');
    expect(messages[0]?.emailMessageId).toBe(info.messageId.replace(/^<|>$/g, ''));
    const attachments = await db.selectFrom('attachments').selectAll().where('ticketId', '=', ticket!.id).execute();
    expect(attachments.map((a) => a.fileName)).toEqual(['log.txt']);
    const raw = await db.selectFrom('mailRawMessages').selectAll().where('ticketId', '=', ticket!.id).executeTakeFirstOrThrow();
    expect(raw.status).toBe('imported');
    expect(Buffer.from(raw.content).toString()).toContain('VPN drops every hour');
  });

  it('stores 8-bit text sent without a charset, and text holding NUL characters, as readable text', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: Eve <eve@example.com>\r\nTo: help@desk.test\r\nSubject: Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' wifi\u0000 down\r\nMessage-ID: <eight-bit@example.com>\r\n\r\nLe wifi du caf'),
      Buffer.from([0xe9]),
      Buffer.from(' ne marche pas.\u0000\r\n'),
    ]);
    const info = await deliverTo(port).sendMail({ envelope: { from: 'eve@example.com', to: 'help@desk.test' }, raw });
    expect(info.response).toMatch(/^250 /);
    const [ticket] = await ticketsBySubject('Café wifi down');
    expect(ticket, 'ticket').toBeDefined();
    const [message] = await app.database.db.selectFrom('ticketMessages').selectAll().where('ticketId', '=', ticket!.id).execute();
    expect(message?.bodyText).toBe('Le wifi du café ne marche pas.');
  });

  it('takes the envelope sender as requester of a mail without From (scripts and monitoring tools send such mail)', async () => {
    const raw = Buffer.from('To: help@desk.test\r\nSubject: Disk almost full on db02\r\nMessage-ID: <no-from@monitor.example.com>\r\n\r\n/var is 97% full.\r\n');
    const info = await deliverTo(port).sendMail({ envelope: { from: 'Monitor@Example.com', to: 'help@desk.test' }, raw });
    expect(info.response).toMatch(/^250 /);
    const [ticket] = await ticketsBySubject('Disk almost full on db02');
    expect(ticket, 'ticket').toBeDefined();
    const requester = await app.database.db.selectFrom('userEmails').select('userId').where('email', '=', 'monitor@example.com').executeTakeFirstOrThrow();
    expect(Number(ticket!.requesterId)).toBe(Number(requester.userId));
  });

  it('opens a mail an agent forwarded for its original sender, keeping the agent\'s words as an internal note', async () => {
    const db = app.database.db;
    const sam = await createUser(db, { role: 'agent', name: 'Sam Agent', email: 'sam@staff.example', teamIds: [teamId] });
    const forward = (from: string, id: string) =>
      Buffer.from(
        [
          `From: ${from}`,
          'To: help@desk.test',
          'Subject: Fwd: Monitor flickers on floor 2',
          `Message-ID: <${id}>`,
          '',
          'Please have a look, she sits next to the window.',
          '',
          '---------- Forwarded message ---------',
          'From: Olga User <Olga@Example.com>',
          'Date: Mon, 23 Nov 2026 at 09:12',
          'Subject: Monitor flickers on floor 2',
          'To: Sam Agent <sam@staff.example>',
          '',
          'My monitor flickers every few seconds.',
          '',
        ].join('\r\n'),
      );
    await deliverTo(port).sendMail({ envelope: { from: 'sam@staff.example', to: 'help@desk.test' }, raw: forward('Sam Agent <sam@staff.example>', 'fwd-1@staff.example') });
    const [ticket] = await ticketsBySubject('Monitor flickers on floor 2');
    expect(ticket, 'ticket').toBeDefined();
    const olga = await db.selectFrom('userEmails').select('userId').where('email', '=', 'olga@example.com').executeTakeFirstOrThrow();
    expect(Number(ticket!.requesterId)).toBe(Number(olga.userId));
    const messages = await db.selectFrom('ticketMessages').select(['authorId', 'kind', 'isInternal', 'bodyText']).where('ticketId', '=', ticket!.id).orderBy('id').execute();
    expect(messages.map((m) => [Number(m.authorId), m.kind, Boolean(m.isInternal), m.bodyText])).toEqual([
      [Number(olga.userId), 'message', false, 'My monitor flickers every few seconds.'],
      [sam.id, 'note', true, 'Please have a look, she sits next to the window.'],
    ]);
    // The receipt goes to the person with the problem, never the agent's note.
    const receipts = await db.selectFrom('outbox').select(['recipient', 'payload']).where('relatedUserId', '=', Number(olga.userId)).execute();
    expect(receipts.length).toBe(1);
    expect(receipts[0]!.payload).not.toContain('next to the window');
    // The raw mail, with both parts, stays with the ticket.
    expect((await db.selectFrom('mailRawMessages').select('ticketId').where('messageId', '=', 'fwd-1@staff.example').executeTakeFirstOrThrow()).ticketId).toBe(ticket!.id);

    // The same forward from someone who is not on the desk is their own ticket, as written.
    await deliverTo(port).sendMail({ envelope: { from: 'pat@example.com', to: 'help@desk.test' }, raw: forward('Pat <pat@example.com>', 'fwd-2@example.com') });
    const pats = await ticketsBySubject('Fwd: Monitor flickers on floor 2');
    const pat = await db.selectFrom('userEmails').select('userId').where('email', '=', 'pat@example.com').executeTakeFirstOrThrow();
    expect(pats.map((t) => Number(t.requesterId))).toEqual([Number(pat.userId)]);
  });

  it('threads a reply by In-Reply-To and strips the quoted history', async () => {
    const first = await deliverTo(port).sendMail({ from: 'dana@example.com', to: 'help@desk.test', subject: 'Monitor flickers', text: 'It flickers.' });
    await deliverTo(port).sendMail({
      from: 'dana@example.com',
      to: 'help@desk.test',
      subject: 'Re: Monitor flickers',
      inReplyTo: first.messageId,
      references: [first.messageId],
      text: 'Also the second one.\n\nOn Mon, 23 Nov 2026 at 10:00, Dana <dana@example.com> wrote:\n> It flickers.\n',
    });
    const tickets = await ticketsBySubject('Monitor flickers');
    expect(tickets).toHaveLength(1);
    const messages = await app.database.db.selectFrom('ticketMessages').select(['bodyText', 'kind']).where('ticketId', '=', tickets[0]!.id).orderBy('id').execute();
    expect(messages.map((m) => m.bodyText)).toEqual(['It flickers.', 'Also the second one.']);
  });

  it('records an auto-reply on the ticket as an internal note without moving it', async () => {
    const first = await deliverTo(port).sendMail({ from: 'erin@example.com', to: 'help@desk.test', subject: 'Keyboard missing keys', text: 'Two keys fell off.' });
    await deliverTo(port).sendMail({
      from: 'erin@example.com',
      to: 'help@desk.test',
      subject: 'Automatic reply: Keyboard missing keys',
      inReplyTo: first.messageId,
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I am out of the office.',
    });
    const [ticket] = await ticketsBySubject('Keyboard missing keys');
    expect(ticket?.status).toBe('new');
    const messages = await app.database.db.selectFrom('ticketMessages').select(['kind', 'isInternal']).where('ticketId', '=', ticket!.id).orderBy('id').execute();
    expect(messages.map((m) => [m.kind, Boolean(m.isInternal)])).toEqual([['message', false], ['note', true]]);
  });

  it('refuses recipients that are not mailboxes with 550, so it is never an open relay', async () => {
    await expect(deliverTo(port).sendMail({ from: 'ann@example.com', to: 'someone@elsewhere.test', subject: 'relay?', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    expect(await ticketsBySubject('relay?')).toHaveLength(0);
  });

  it('imports a message delivered twice (same Message-ID) only once', async () => {
    const mail = { from: 'frank@example.com', to: 'help@desk.test', subject: 'Delivered twice', text: 'Once please.', messageId: '<twice-1@example.com>' };
    await deliverTo(port).sendMail(mail);
    const again = await deliverTo(port).sendMail(mail);
    expect(again.response).toMatch(/^250 /);
    expect(await ticketsBySubject('Delivered twice')).toHaveLength(1);
  });

  it('parks a runaway sender past the hourly limit on the failed-mail list, where an admin can download and reprocess it', async () => {
    for (let i = 1; i <= 6; i++) {
      await deliverTo(port).sendMail({ from: 'loop@example.com', to: 'help@desk.test', subject: `Loop ${i}`, text: `mail ${i}` });
    }
    expect(await ticketsBySubject('Loop 6')).toHaveLength(0);
    const list = await app.http.inject({ method: 'GET', url: '/api/v1/mail/failures', headers: bearer(adminToken) });
    expect(list.statusCode).toBe(200);
    const failure = list.json<{ items: Array<{ id: number; reason: string; envelopeFrom: string }> }>().items.find((f) => f.envelopeFrom === 'loop@example.com');
    expect(failure?.reason).toBe('rate_limited');
    const raw = await app.http.inject({ method: 'GET', url: `/api/v1/mail/failures/${failure!.id}/raw`, headers: bearer(adminToken) });
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.body).toContain('Subject: Loop 6');
    const reprocessed = await app.http.inject({ method: 'POST', url: `/api/v1/mail/failures/${failure!.id}/reprocess`, headers: bearer(adminToken), payload: {} });
    expect(reprocessed.json()).toMatchObject({ status: 'imported' });
    expect(await ticketsBySubject('Loop 6')).toHaveLength(1);
    const again = await app.http.inject({ method: 'POST', url: `/api/v1/mail/failures/${failure!.id}/reprocess`, headers: bearer(adminToken), payload: {} });
    expect(again.statusCode).toBe(409);
  });

  it('takes a parked auto-reply off the failed-mail list when a retry keeps it as noise', async () => {
    for (let i = 1; i <= 6; i++) {
      await deliverTo(port).sendMail({ from: 'ooo@example.com', to: 'help@desk.test', subject: `Out of office ${i}`, text: 'Back Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    }
    const open = async () =>
      (await app.http.inject({ method: 'GET', url: '/api/v1/mail/failures', headers: bearer(adminToken) })).json<{ items: Array<{ id: number; envelopeFrom: string }> }>().items.filter((f) => f.envelopeFrom === 'ooo@example.com');
    const [parked] = await open();
    expect(parked, 'the parked auto-reply').toBeDefined();
    const retried = await app.http.inject({ method: 'POST', url: `/api/v1/mail/failures/${parked!.id}/reprocess`, headers: bearer(adminToken), payload: {} });
    expect(retried.json()).toMatchObject({ status: 'noise', ticketId: null });
    expect(await open()).toEqual([]);
  });

  it('tells admins the port the built-in SMTP listener takes mail on', async () => {
    const list = await app.http.inject({ method: 'GET', url: '/api/v1/mailboxes', headers: bearer(adminToken) });
    expect(list.json<{ smtpListener: { port: number | null } }>().smtpListener).toEqual({ port });
  });

  it('stores mailbox passwords sealed and never returns them', async () => {
    const row = await app.database.db.selectFrom('mailboxes').selectAll().where('id', '=', mailboxId).executeTakeFirstOrThrow();
    expect(row.address).toBe('help@desk.test');
    expect(row.smtpPasswordSealed).toMatch(/^v1:/);
    expect(row.smtpPasswordSealed).not.toContain('s3cret');
    const shown = await app.http.inject({ method: 'GET', url: `/api/v1/mailboxes/${mailboxId}`, headers: bearer(adminToken) });
    expect(shown.json()).toMatchObject({ smtp: { hasPassword: true } });
    expect(shown.body).not.toContain('s3cret');
  });

  it('lets only settings managers see or change mailboxes, and refuses bad input with a code', async () => {
    const agent = await createUser(app.database.db, { role: 'agent' });
    const agentToken = await createApiToken(app.database.db, agent.id);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/mailboxes', headers: bearer(agentToken) })).statusCode).toBe(403);
    const duplicate = await app.http.inject({ method: 'POST', url: '/api/v1/mailboxes', headers: bearer(adminToken), payload: { address: 'help@desk.test', inboundMode: 'smtp' } });
    expect(duplicate.statusCode).toBe(409);
    const noImap = await app.http.inject({ method: 'POST', url: '/api/v1/mailboxes', headers: bearer(adminToken), payload: { address: 'it@desk.test', inboundMode: 'imap' } });
    expect(noImap.statusCode).toBe(400);
    expect(noImap.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});
