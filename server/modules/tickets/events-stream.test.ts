import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { testDatabases } from '../../test/databases.js';
import { startInstanceOn } from '../../test/instances.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { call, fileTicket, postMessage, requesterTicket, seedDesk, type Desk } from './extras.test-fixtures.js';
import { openEventStream, type ReceivedEvent } from './events-stream.test-client.js';

const ticketEvent = (type: string, ticketId: number) => (event: ReceivedEvent) => event.type === type && event.data.ticket?.id === ticketId;

describe.each(testDatabases)('live event stream on %s', (dialect) => {
  let app: TestApp;
  let desk: Desk;
  const clock = createFixedClock('2026-11-23T09:00:00Z');

  beforeAll(async () => {
    app = await createTestApp(dialect, { listen: true, clock });
    desk = await seedDesk(app);
  });

  afterAll(async () => {
    await app.stop();
  });

  it('delivers a new ticket to an agent of its team and not to an agent of another team', async () => {
    const dana = await openEventStream(app.url, desk.tokens.dana);
    const omar = await openEventStream(app.url, desk.tokens.omar);
    await dana.next((e) => e.type === 'stream.ready');
    await omar.next((e) => e.type === 'stream.ready');
    const network = await requesterTicket(app, desk, 'VPN drops every hour', 'Since Monday.', desk.teams.network.id);
    const hardware = await fileTicket(app, desk.tokens.omar, { subject: 'Dock dead', body: 'No power.', requesterId: desk.users.rita.id, teamId: desk.teams.hardware.id });

    const seenByDana = await dana.next(ticketEvent('ticket.created', network.id));
    expect(seenByDana.data.ticket).toMatchObject({ id: network.id, subject: 'VPN drops every hour', teamId: desk.teams.network.id, visible: true });
    expect(seenByDana.id).toMatch(/^[0-9a-f]+:\d+$/);
    // Omar's stream carries his team's ticket, and nothing of the network ticket before (or after) it.
    await omar.next(ticketEvent('ticket.created', hardware.id));
    expect(omar.received.filter((e) => e.data.ticket?.id === network.id)).toEqual([]);
    dana.close();
    omar.close();
  });

  it('delivers a reply to the requester but never the internal note', async () => {
    const ticket = await requesterTicket(app, desk, 'Monitor flickers', 'Left screen.', desk.teams.network.id);
    const rita = await openEventStream(app.url, desk.tokens.rita);
    const dana = await openEventStream(app.url, desk.tokens.dana);
    await rita.next((e) => e.type === 'stream.ready');
    await dana.next((e) => e.type === 'stream.ready');
    const note = await postMessage(app, desk.tokens.dana, ticket.id, 'Probably the cable; she sounded annoyed.', true);
    const reply = await postMessage(app, desk.tokens.dana, ticket.id, 'We are sending a new cable.');

    const toRita = await rita.next((e) => e.type === 'message.created' && e.data.message?.id === reply.id);
    expect(toRita.data.message).toMatchObject({ id: reply.id, internal: false, kind: 'reply' });
    expect(rita.received.filter((e) => e.data.message?.id === note.id || e.data.message?.internal)).toEqual([]);
    expect(JSON.stringify(rita.received)).not.toContain('annoyed');
    // The desk hears both.
    await dana.next((e) => e.data.message?.id === note.id);
    await dana.next((e) => e.data.message?.id === reply.id);
    // Another requester hears nothing of her ticket.
    const sam = await openEventStream(app.url, desk.tokens.sam);
    await sam.next((e) => e.type === 'stream.ready');
    const later = await postMessage(app, desk.tokens.dana, ticket.id, 'Cable shipped.');
    await rita.next((e) => e.data.message?.id === later.id);
    const own = await fileTicket(app, desk.tokens.sam, { subject: 'My own printer', body: 'Broken.' });
    await sam.next(ticketEvent('ticket.created', own.id));
    expect(sam.received.filter((e) => e.data.ticket?.id === ticket.id)).toEqual([]);
    for (const stream of [rita, dana, sam]) stream.close();
  });

  it('resumes after Last-Event-ID on the same instance', async () => {
    const first = await openEventStream(app.url, desk.tokens.dana);
    await first.next((e) => e.type === 'stream.ready');
    const a = await requesterTicket(app, desk, 'Resume A', 'a', desk.teams.network.id);
    const seen = await first.next(ticketEvent('ticket.created', a.id));
    first.close();
    const b = await requesterTicket(app, desk, 'Resume B', 'b', desk.teams.network.id);
    const again = await openEventStream(app.url, desk.tokens.dana, { lastEventId: seen.id! });
    await again.next(ticketEvent('ticket.created', b.id));
    expect(again.received.filter((e) => e.data.ticket?.id === a.id && e.type === 'ticket.created')).toEqual([]);
    again.close();
    const unknown = await openEventStream(app.url, desk.tokens.dana, { lastEventId: 'elsewhere:5' });
    await unknown.next((e) => e.type === 'stream.reset');
    unknown.close();
  });

  it('tells other agents on the ticket who is replying, never the requester, until it expires', async () => {
    const ticket = await requesterTicket(app, desk, 'Keyboard sticky', 'Coffee.', desk.teams.network.id);
    const lead = await openEventStream(app.url, desk.tokens.lead);
    const omar = await openEventStream(app.url, desk.tokens.omar);
    const rita = await openEventStream(app.url, desk.tokens.rita);
    for (const stream of [lead, omar, rita]) await stream.next((e) => e.type === 'stream.ready');
    const posted = await call(app, desk.tokens.dana, 'POST', `/api/v1/tickets/${ticket.id}/presence`, { state: 'replying' });
    expect(posted.statusCode, posted.body).toBe(200);
    const heard = await lead.next((e) => e.type === 'presence.changed');
    expect(heard.data.presence).toMatchObject({ userId: desk.users.dana.id, name: 'Dana Network', state: 'replying' });
    // A marker every stream receives, to know the presence event would have arrived before it.
    const marker = await requesterTicket(app, desk, 'Marker', 'm', desk.teams.network.id);
    await rita.next(ticketEvent('ticket.created', marker.id));
    expect(rita.received.filter((e) => e.type === 'presence.changed')).toEqual([]);
    expect(omar.received.filter((e) => e.type === 'presence.changed')).toEqual([]);
    const listed = await call(app, desk.tokens.lead, 'GET', `/api/v1/tickets/${ticket.id}/presence`);
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await call(app, desk.tokens.rita, 'POST', `/api/v1/tickets/${ticket.id}/presence`, { state: 'viewing' })).statusCode).toBe(403);
    expect((await call(app, desk.tokens.omar, 'POST', `/api/v1/tickets/${ticket.id}/presence`, { state: 'viewing' })).statusCode).toBe(404);
    clock.advance(31_000);
    expect((await call(app, desk.tokens.lead, 'GET', `/api/v1/tickets/${ticket.id}/presence`)).json<{ items: unknown[] }>().items).toEqual([]);
    for (const stream of [lead, omar, rita]) stream.close();
  });

  it('refuses callers that do not ask for an event stream', async () => {
    const response = await call(app, desk.tokens.dana, 'GET', '/api/v1/events');
    expect(response.statusCode).toBe(406);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/events', headers: { accept: 'text/event-stream' } })).statusCode).toBe(401);
  });

  it.runIf(dialect === 'postgres')('carries events from another instance through PostgreSQL', async () => {
    const other = await startInstanceOn(app.database);
    await other.context.events.start();
    try {
      const dana = await openEventStream(app.url, desk.tokens.dana);
      await dana.next((e) => e.type === 'stream.ready');
      const response = await other.http.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { authorization: `Bearer ${desk.tokens.dana}` },
        payload: { subject: 'Filed elsewhere', body: 'Through the other instance.', requesterId: desk.users.rita.id, teamId: desk.teams.network.id },
      });
      expect(response.statusCode, response.body).toBe(201);
      await dana.next(ticketEvent('ticket.created', response.json<{ id: number }>().id));
      dana.close();
    } finally {
      await other.stop();
    }
  });

  it('ends open streams when the server shuts down', async () => {
    const separate = await createTestApp(dialect, { listen: true });
    const separateDesk = await seedDesk(separate);
    const stream = await openEventStream(separate.url, separateDesk.tokens.dana);
    await stream.next((e) => e.type === 'stream.ready');
    const ended = stream.untilEnd();
    await separate.stop();
    await ended;
  });
});
