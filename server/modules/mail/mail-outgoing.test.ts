import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { bearer, createApiToken, createTeam, createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createOutboxSender, type OutboxSender } from './outbox-sender.js';
import { createSecretBox, loadSecretKey } from './secret-box.js';
import { deliverTo, eventually, freePort, startReceivingServer } from './test-support.js';

describe.each(testDatabases)('outgoing mail on %s', (dialect) => {
  let app: TestApp;
  let smtpPort: number;
  let relay: Awaited<ReturnType<typeof startReceivingServer>>;
  let sender: OutboxSender;
  let agentToken: string;
  let agentId: number;

  beforeAll(async () => {
    relay = await startReceivingServer();
    smtpPort = await freePort();
    app = await createTestApp(dialect, { env: { SMTP_PORT: String(smtpPort), PUBLIC_URL: 'https://help.example.test' } });
    const db = app.database.db;
    const team = await createTeam(db, { name: 'Service desk' });
    const agent = await createUser(db, { role: 'agent', name: 'Sam Agent', teamIds: [team.id] });
    agentId = agent.id;
    agentToken = await createApiToken(db, agent.id);
    const admin = await createUser(db, { role: 'admin' });
    const created = await app.http.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers: bearer(await createApiToken(db, admin.id, 'admin')),
      payload: { address: 'help@desk.test', displayName: 'Help Desk', teamId: team.id, inboundMode: 'smtp', smtp: { host: '127.0.0.1', port: relay.port, user: 'desk', password: 'relay-pass' } },
    });
    expect(created.statusCode).toBe(201);
    sender = createOutboxSender({ db, clock: app.context.clock, secrets: createSecretBox(loadSecretKey(undefined, app.config.dataDir)), log: app.http.log });
  });
  afterAll(async () => {
    sender?.close();
    await app?.stop();
    await relay?.stop();
  });

  const mailTo = (address: string, subjectPart: string) => relay.received.find((m) => m.subject?.includes(subjectPart) && JSON.stringify(m.to).includes(address));

  it('acknowledges a new mail with an auto-reply that threads and names the ticket, and tells the team', async () => {
    const incoming = await deliverTo(smtpPort).sendMail({ from: 'Ann <ann@example.com>', to: 'help@desk.test', subject: 'Laptop battery swollen', text: 'The battery bulges.' });
    const ticket = await eventually(() => app.database.db.selectFrom('tickets').select(['id', 'ref']).where('subject', '=', 'Laptop battery swollen').executeTakeFirst(), 'the ticket');
    await eventually(async () => (await app.database.db.selectFrom('outbox').select('id').where('recipient', '=', 'ann@example.com').execute()).length > 0, 'the queued receipt');
    expect((await sender.deliverDue()).sent).toBeGreaterThanOrEqual(1);
    const receipt = mailTo('ann@example.com', 'Laptop battery swollen');
    expect(receipt?.subject).toBe(`[#${ticket.ref}] Laptop battery swollen`);
    expect(receipt?.headers.get('auto-submitted')).toBe('auto-replied');
    expect(receipt?.inReplyTo).toBe(incoming.messageId);
    expect(receipt?.replyTo?.value[0]?.address).toBe('help@desk.test');
    expect(receipt?.from?.value[0]).toMatchObject({ address: 'help@desk.test', name: 'Help Desk' });
    expect(receipt?.text).toContain(`https://help.example.test/tickets/${ticket.id}`);
    expect(relay.logins).toContain('desk:relay-pass');
    const teamMail = relay.received.find((m) => m.subject?.startsWith('New in Service desk'));
    expect(teamMail?.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('checks the outgoing server of a mailbox on request: signed in, or why not in words', async () => {
    const db = app.database.db;
    const admin = await createUser(db, { role: 'admin' });
    const headers = bearer(await createApiToken(db, admin.id, 'admin'));
    const { items } = (await app.http.inject({ method: 'GET', url: '/api/v1/mailboxes', headers })).json<{ items: Array<{ id: number; address: string }> }>();
    const desk = items.find((mailbox) => mailbox.address === 'help@desk.test')!;
    const check = (id: number) => app.http.inject({ method: 'POST', url: `/api/v1/mailboxes/${id}/check`, headers });
    const good = await check(desk.id);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ imap: null, smtp: { ok: true, detail: `Signed in to 127.0.0.1:${relay.port} as desk.` } });
    expect(relay.logins).toContain('desk:relay-pass');

    const closedPort = await freePort();
    const created = await app.http.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers,
      payload: { address: 'nowhere@desk.test', inboundMode: 'smtp', smtp: { host: '127.0.0.1', port: closedPort, user: null } },
    });
    const refused = await check(created.json<{ id: number }>().id);
    expect(refused.json()).toEqual({ imap: null, smtp: { ok: false, detail: `Nothing accepts connections at 127.0.0.1:${closedPort} (connection refused).` } });
    expect((await check(999_999)).statusCode).toBe(404);

    // A server with a self-signed certificate (smtp-server's own): refused, with what to do, until the admin trusts it.
    const selfSigned = new SMTPServer({ secure: true, authOptional: true, logger: false });
    // Our client hangs up on the untrusted certificate; the test server reports that as an error event.
    selfSigned.on('error', () => undefined);
    const tlsPort = await freePort();
    await new Promise<void>((resolve) => selfSigned.listen(tlsPort, '127.0.0.1', resolve));
    try {
      const tlsBox = await app.http.inject({
        method: 'POST',
        url: '/api/v1/mailboxes',
        headers,
        payload: { address: 'tls@desk.test', inboundMode: 'smtp', smtp: { host: '127.0.0.1', port: tlsPort, secure: true, user: null } },
      });
      const tlsId = tlsBox.json<{ id: number }>().id;
      const untrusted = (await check(tlsId)).json<{ smtp: { ok: boolean; detail: string } }>().smtp;
      expect(untrusted.ok).toBe(false);
      expect(untrusted.detail).toMatch(/^The certificate of 127\.0\.0\.1:\d+ is not trusted .*turn off certificate checking/);
      const trusted = await app.http.inject({
        method: 'PUT',
        url: `/api/v1/mailboxes/${tlsId}`,
        headers,
        payload: { address: 'tls@desk.test', inboundMode: 'smtp', smtp: { host: '127.0.0.1', port: tlsPort, secure: true, user: null, verifyCertificate: false } },
      });
      expect(trusted.json<{ smtp: { verifyCertificate: boolean } }>().smtp.verifyCertificate).toBe(false);
      expect((await check(tlsId)).json()).toEqual({ imap: null, smtp: { ok: true, detail: `127.0.0.1:${tlsPort} accepts mail (no sign-in set).` } });
      await app.http.inject({ method: 'DELETE', url: `/api/v1/mailboxes/${tlsId}`, headers });
    } finally {
      await new Promise<void>((resolve) => selfSigned.close(() => resolve()));
    }
    expect((await app.http.inject({ method: 'POST', url: `/api/v1/mailboxes/${desk.id}/check`, headers: bearer(agentToken) })).statusCode).toBe(403);
    await app.http.inject({ method: 'DELETE', url: `/api/v1/mailboxes/${created.json<{ id: number }>().id}`, headers });
  });

  it('sends a public agent reply in the same thread, never an internal note, and threads the answer back', async () => {
    const ticket = await app.database.db.selectFrom('tickets').select(['id', 'ref']).where('subject', '=', 'Laptop battery swollen').executeTakeFirstOrThrow();
    const note = await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(agentToken), payload: { body: 'SECRET internal remark', internal: true } });
    expect(note.statusCode).toBe(201);
    const reply = await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(agentToken), payload: { body: '<p>Please stop using it, a new one is on its way.</p>' } });
    expect(reply.statusCode).toBe(201);
    await eventually(async () => (await sender.deliverDue()).sent > 0 || mailTo('ann@example.com', 'Re: ['), 'the agent reply');
    const answer = await eventually(async () => mailTo('ann@example.com', 'Re: ['), 'the agent reply');
    expect(answer.text).toContain('Please stop using it');
    expect(answer.html).toContain('<p>Please stop using it, a new one is on its way.</p>');
    expect(answer.headers.get('auto-submitted')).toBeUndefined();
    expect(relay.received.some((m) => m.text?.includes('SECRET'))).toBe(false);
    const receipt = mailTo('ann@example.com', `[#${ticket.ref}] Laptop`)!;
    expect(answer.references).toEqual(expect.arrayContaining([receipt.messageId]));

    // Ann's client answers our reply: it threads by In-Reply-To to the same ticket, with no [#ref] needed.
    await deliverTo(smtpPort).sendMail({ from: 'ann@example.com', to: 'help@desk.test', subject: 'Re: battery', inReplyTo: answer.messageId, text: 'Thanks!' });
    const messages = await app.database.db.selectFrom('ticketMessages').select('bodyText').where('ticketId', '=', ticket.id).orderBy('id').execute();
    expect(messages.map((m) => m.bodyText).at(-1)).toBe('Thanks!');
  });

  it('tells the assignee when the requester writes on their ticket, and nobody when the assignee writes', async () => {
    const ticket = await app.database.db.selectFrom('tickets').select(['id', 'ref', 'version']).where('subject', '=', 'Laptop battery swollen').executeTakeFirstOrThrow();
    const assigned = await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: bearer(agentToken), payload: { version: Number(ticket.version), assigneeId: agentId } });
    expect(assigned.statusCode).toBe(200);
    const sam = await app.database.db.selectFrom('userEmails').select('email').where('userId', '=', agentId).executeTakeFirstOrThrow();
    await deliverTo(smtpPort).sendMail({ from: 'Ann <ann@example.com>', to: 'help@desk.test', subject: `Re: [#${ticket.ref}] Laptop battery swollen`, text: 'It is getting warm now, should I unplug it?' });
    await eventually(async () => {
      await sender.deliverDue();
      return mailTo(sam.email, 'Reply from');
    }, 'the notice to the assignee');
    const notice = mailTo(sam.email, 'Reply from')!;
    expect(notice.subject).toBe(`Reply from Ann: [#${ticket.ref}] Laptop battery swollen`);
    expect(notice.text).toContain('It is getting warm now, should I unplug it?');
    expect(notice.headers.get('auto-submitted')).toBe('auto-generated');
    // Ann is not told about her own mail.
    expect(relay.received.filter((m) => JSON.stringify(m.to).includes('ann@example.com') && m.text?.includes('getting warm'))).toEqual([]);

    // The assignee's own public reply tells the requester, never the assignee.
    const before = relay.received.filter((m) => JSON.stringify(m.to).includes(sam.email)).length;
    await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(agentToken), payload: { body: '<p>Yes, unplug it.</p>' } });
    await eventually(async () => {
      await sender.deliverDue();
      return relay.received.find((m) => m.text?.includes('Yes, unplug it.'));
    }, 'the reply to Ann');
    expect(relay.received.filter((m) => JSON.stringify(m.to).includes(sam.email)).length).toBe(before);
  });

  it('never answers an auto-reply that opens a ticket', async () => {
    await deliverTo(smtpPort).sendMail({ from: 'news@vendor.example', to: 'help@desk.test', subject: 'Our newsletter', text: 'Buy.', headers: { Precedence: 'bulk' } });
    await eventually(() => app.database.db.selectFrom('tickets').select('id').where('subject', '=', 'Our newsletter').executeTakeFirst(), 'the ticket');
    expect(await app.database.db.selectFrom('outbox').select('id').where('recipient', '=', 'news@vendor.example').execute()).toEqual([]);
  });

  it('delivers sign-in mail the identity module queued, worded by its template, and retries then dead-letters what cannot be sent', async () => {
    const now = new Date().toISOString();
    const sam = await app.database.db.selectFrom('userEmails').select('email').where('userId', '=', agentId).executeTakeFirstOrThrow();
    const resetLinkOf = (mail: ParsedMail | undefined) => /https:\/\/help\.example\.test\/reset-password\?token=\S+/.exec(mail?.text ?? '')?.[0];
    const requested = await app.http.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: sam.email } });
    expect(requested.statusCode).toBe(202);
    await eventually(async () => {
      await sender.deliverDue();
      return relay.received.find((m) => m.subject === 'Reset your Linchpin password' && JSON.stringify(m.to).includes(sam.email));
    }, 'the built-in reset mail');
    const builtIn = relay.received.find((m) => m.subject === 'Reset your Linchpin password')!;
    expect(builtIn.text).toMatch(/^Hello Sam Agent,/);
    expect(resetLinkOf(builtIn)).toBeDefined();
    expect(builtIn.html).toContain('Choose a new password');

    // An admin's wording is what goes out next.
    const admin = await createUser(app.database.db, { role: 'admin' });
    const custom = await app.http.inject({
      method: 'PUT',
      url: '/api/v1/mail/templates/password_reset',
      headers: bearer(await createApiToken(app.database.db, admin.id, 'admin')),
      payload: { subject: 'New password for {{deskName}}', bodyText: 'Hi {{recipientName}}, follow {{link}} (ask IT on 4400 if stuck).', bodyHtml: '' },
    });
    expect(custom.statusCode).toBe(200);
    await app.database.db.deleteFrom('authTokens').execute();
    await app.http.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: sam.email } });
    const worded = await eventually(async () => {
      await sender.deliverDue();
      return relay.received.find((m) => m.subject === 'New password for Linchpin');
    }, 'the customised reset mail');
    expect(worded.text).toMatch(/^Hi Sam Agent, follow https:\/\/help\.example\.test\/reset-password\?token=\S+ \(ask IT on 4400 if stuck\)\.$/m);
    expect(worded.html).toBe(false);

    const broken = createOutboxSender({ db: app.database.db, clock: app.context.clock, secrets: createSecretBox(loadSecretKey(undefined, app.config.dataDir)), log: app.http.log, options: { maxAttempts: 2, baseDelayMs: 0 } });
    await app.database.db.updateTable('mailboxes').set({ smtpPort: await freePort() }).execute();
    const row = await app.database.db
      .insertInto('outbox')
      .values({ kind: 'email', recipient: 'x@example.com', subject: 'Undeliverable', payload: JSON.stringify({ text: 'x' }), nextAttemptAt: now, lastError: null, relatedUserId: null, createdAt: now, sentAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await broken.deliverDue();
    expect(await app.database.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', row.id).executeTakeFirstOrThrow()).toMatchObject({ status: 'pending', attempts: 1 });
    await broken.deliverDue();
    const dead = await app.database.db.selectFrom('outbox').select(['status', 'attempts', 'lastError']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(dead).toMatchObject({ status: 'dead', attempts: 2 });
    expect(dead.lastError).toBeTruthy();
    broken.close();
    await app.database.db.updateTable('mailboxes').set({ smtpPort: relay.port }).execute();
  });
});
