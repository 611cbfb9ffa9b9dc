import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { rebuildSearchIndex } from './search.index.js';
import { documentScope, highlightToHtml, snippetOf } from './search.query.js';
import { rankTickets } from './search.repository.js';
import { call, fileTicket, postMessage, requesterTicket, seedDesk, type Desk } from './extras.test-fixtures.js';

interface Hit {
  ticket: { id: number; subject: string };
  matchedIn: string;
  sourceId: number;
  snippet: string;
}
interface Result {
  items: Hit[];
  total: number;
}

describe.each(testDatabases)('ticket search on %s', (dialect) => {
  let app: TestApp;
  let desk: Desk;
  let printerTicket: { id: number };
  let tonerTicket: { id: number };
  let hardwareTicket: { id: number };
  let noteId: number;

  async function search(token: string, query: string): Promise<Result> {
    const response = await call(app, token, 'GET', `/api/v1/search?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Result>();
  }

  beforeAll(async () => {
    app = await createTestApp(dialect);
    desk = await seedDesk(app);
    const { network, hardware } = desk.teams;
    printerTicket = await requesterTicket(app, desk, 'Printer jammed on floor 3', 'Paper stuck again.', network.id);
    tonerTicket = await requesterTicket(app, desk, 'Question about supplies', 'The printer in room 4 is out of toner & needs a < b fix soon.', network.id);
    hardwareTicket = await fileTicket(app, desk.tokens.omar, { subject: 'Laptop hinge cracked', body: 'Printer unrelated, hinge broken.', requesterId: desk.users.rita.id, teamId: hardware.id });
    await postMessage(app, desk.tokens.dana, printerTicket.id, 'We replaced the zebra roller, please try again.');
    noteId = (await postMessage(app, desk.tokens.dana, printerTicket.id, 'Internal: zebra vendor password is hunter2', true)).id;
    await postMessage(app, desk.tokens.dana, tonerTicket.id, 'Escalated quietly: flamingo contract expired', true);
  });

  afterAll(async () => {
    await app.stop();
  });

  it('finds text in subjects and in messages, each ticket once', async () => {
    const bySubject = await search(desk.tokens.dana, 'q=jammed');
    expect(bySubject.items.map((hit) => [hit.ticket.id, hit.matchedIn])).toEqual([[printerTicket.id, 'subject']]);
    const byMessage = await search(desk.tokens.dana, 'q=toner');
    expect(byMessage.items.map((hit) => [hit.ticket.id, hit.matchedIn])).toEqual([[tonerTicket.id, 'message']]);
    expect(byMessage.total).toBe(1);
  });

  it('matches word prefixes and needs every word', async () => {
    expect((await search(desk.tokens.maria, 'q=jamm')).items.map((hit) => hit.ticket.id)).toEqual([printerTicket.id]);
    expect((await search(desk.tokens.maria, 'q=printer%20toner')).items.map((hit) => hit.ticket.id)).toEqual([tonerTicket.id]);
    // Only the last word is a prefix (the one being typed); the words before it are whole.
    expect((await search(desk.tokens.maria, 'q=printer%20jam')).items.map((hit) => hit.ticket.id)).toEqual([printerTicket.id]);
    expect((await search(desk.tokens.maria, 'q=jam%20printer')).total).toBe(0);
  });

  it('ranks a ticket about the word above tickets that merely mention it', async () => {
    const result = await search(desk.tokens.maria, 'q=printer');
    expect(result.total).toBe(3);
    expect(result.items[0]!.ticket.id).toBe(printerTicket.id);
    expect(result.items[0]!.matchedIn).toBe('subject');
    expect(new Set(result.items.map((hit) => hit.ticket.id))).toEqual(new Set([printerTicket.id, tonerTicket.id, hardwareTicket.id]));
  });

  it('highlights matches in an HTML-escaped snippet', async () => {
    const [hit] = (await search(desk.tokens.dana, 'q=toner')).items;
    expect(hit!.snippet).toContain('<mark>toner</mark>');
    expect(hit!.snippet).toContain('&amp;');
    expect(hit!.snippet).toContain('a &lt; b');
    expect(hit!.snippet).not.toMatch(/<(?!\/?mark>)/);
    const [subjectHit] = (await search(desk.tokens.dana, 'q=jammed')).items;
    expect(subjectHit!.snippet).toBe('Printer <mark>jammed</mark> on floor 3');
  });

  it('shows agents their teams only', async () => {
    expect((await search(desk.tokens.omar, 'q=jammed')).total).toBe(0);
    expect((await search(desk.tokens.omar, 'q=printer')).items.map((hit) => hit.ticket.id)).toEqual([hardwareTicket.id]);
  });

  it('finds internal notes for agents', async () => {
    const result = await search(desk.tokens.dana, 'q=hunter2');
    expect(result.items.map((hit) => [hit.ticket.id, hit.matchedIn, hit.sourceId])).toEqual([[printerTicket.id, 'message', noteId]]);
  });

  it('never lets a requester find, count or read text from an internal note', async () => {
    const onlyInNote = await search(desk.tokens.rita, 'q=hunter2');
    expect(onlyInNote).toMatchObject({ items: [], total: 0 });
    expect((await search(desk.tokens.rita, 'q=flamingo')).total).toBe(0);
    // "zebra" is in a public reply and in a note of the same ticket: the snippet comes from the reply.
    const both = await search(desk.tokens.rita, 'q=zebra');
    expect(both.total).toBe(1);
    expect(both.items[0]!.snippet).toContain('<mark>zebra</mark> roller');
    expect(JSON.stringify(both)).not.toMatch(/hunter2|password|vendor/);
    // Her own tickets' public text is found.
    expect((await search(desk.tokens.rita, 'q=toner')).items.map((hit) => hit.ticket.id)).toEqual([tonerTicket.id]);
    // Another requester of the same organisation (which does not share tickets) finds nothing.
    expect((await search(desk.tokens.sam, 'q=printer')).total).toBe(0);
  });

  it('combines text with the list filters', async () => {
    const network = await search(desk.tokens.maria, `q=printer&teamId=${desk.teams.network.id}`);
    expect(network.total).toBe(2);
    const hardware = await search(desk.tokens.maria, `q=printer&teamId=${desk.teams.hardware.id}`);
    expect(hardware.items.map((hit) => hit.ticket.id)).toEqual([hardwareTicket.id]);
    const unassignedClosed = await search(desk.tokens.maria, 'q=printer&status=closed');
    expect(unassignedClosed.total).toBe(0);
  });

  it('filters the ticket list by text too, through a saved view', async () => {
    const created = await call(app, desk.tokens.dana, 'POST', '/api/v1/views', { name: 'Zebra talk', filters: { q: 'zebra' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<{ count: number }>().count).toBe(1);
    const viaView = await search(desk.tokens.dana, `q=printer&viewId=${created.json<{ id: number }>().id}`);
    expect(viaView.items.map((hit) => hit.ticket.id)).toEqual([printerTicket.id]);
  });

  it('ranks only the newest matches when there are many, saying the total is a lower bound, and all of them when those cannot fill the page', async () => {
    const request = { dialect, terms: ['printer'], scope: { kind: 'all', seesInternalNotes: true } as const, conditions: [], offset: 0 };
    const capped = await rankTickets(app.database.db, { ...request, limit: 1, candidates: 1 });
    expect(capped).toMatchObject({ total: 1, totalIsLowerBound: true });
    expect(capped.documents).toHaveLength(1);
    const exact = await rankTickets(app.database.db, { ...request, limit: 2, candidates: 1 });
    expect(exact).toMatchObject({ total: 3, totalIsLowerBound: false });
    expect(exact.documents).toHaveLength(2);
    expect((await search(desk.tokens.maria, 'q=printer')).total).toBe(3);
    // A caller who may see none of the newest matches still finds the older ones (an empty capped page is not the answer).
    for (const [team, count] of [
      [desk.teams.network, 2],
      [desk.teams.hardware, 1],
    ] as const) {
      const teamScope = { kind: 'teams', teamIds: [team.id], assigneeId: -1, seesInternalNotes: true } as const;
      const found = await rankTickets(app.database.db, { ...request, scope: teamScope, limit: 25, candidates: 1 });
      expect(found, team.name).toMatchObject({ total: count, totalIsLowerBound: false });
    }
  });

  it('matches the word still being typed although the whole word is tried first', async () => {
    const request = { dialect, scope: { kind: 'all', seesInternalNotes: true } as const, conditions: [], offset: 0, limit: 25, candidates: 1 };
    const network = { kind: 'teams', teamIds: [desk.teams.network.id], assigneeId: -1, seesInternalNotes: true } as const;
    for (const [scope, count] of [
      [request.scope, 3],
      [network, 2],
    ] as const) {
      // "printe" is no word of its own: only the prefix finds the printer tickets.
      expect(await rankTickets(app.database.db, { ...request, scope, terms: ['printe'] }), scope.kind).toMatchObject({ total: count, totalIsLowerBound: false });
    }
    // The whole word with more matches than are ranked fills a page on its own.
    expect(await rankTickets(app.database.db, { ...request, terms: ['printer'], limit: 1 })).toMatchObject({ total: 1, totalIsLowerBound: true });
  });

  it.runIf(dialect === 'postgres')('on PostgreSQL asks the recent months first and still finds older matches', async () => {
    const db = app.database.db;
    // The hardware ticket's documents were last changed years ago (until the end of this test).
    const ageDocuments = (updatedAt: string) => db.updateTable('searchDocuments').set({ updatedAt }).where('ticketId', '=', hardwareTicket.id).execute();
    await ageDocuments('2019-06-01T10:00:00.000Z');
    onTestFinished(() => ageDocuments(new Date().toISOString()).then(() => undefined));
    const recency = await db.selectFrom('searchDocuments').select(sql<string>`search_vector::text`.as('vector')).where('ticketId', '=', hardwareTicket.id).executeTakeFirstOrThrow();
    expect(recency.vector).toContain(`'§m${2019 * 12 + 5}'`);
    expect(recency.vector).toContain(`'§y2019'`);
    const request = { dialect, terms: ['printer'], scope: { kind: 'all', seesInternalNotes: true } as const, conditions: [], offset: 0, candidates: 1 };
    // The recent window fills a page of one: taken, as a lower bound.
    expect(await rankTickets(db, { ...request, limit: 1 })).toMatchObject({ total: 1, totalIsLowerBound: true });
    // It cannot fill a page of 25: every match is ranked, the old ticket among them.
    const every = await rankTickets(db, { ...request, limit: 25 });
    expect(every).toMatchObject({ total: 3, totalIsLowerBound: false });
    expect(every.documents.map((document) => document.ticketId)).toContain(hardwareTicket.id);
    // Words only old documents hold are found too.
    expect((await rankTickets(db, { ...request, terms: ['hinge'], limit: 25 })).documents.map((document) => document.ticketId)).toEqual([hardwareTicket.id]);
  });

  it('pages results and keeps the total', async () => {
    const first = await search(desk.tokens.maria, 'q=printer&limit=2');
    const second = await search(desk.tokens.maria, 'q=printer&limit=2&offset=2');
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...first.items, ...second.items].map((hit) => hit.ticket.id)).toHaveLength(3);
    expect((await search(desk.tokens.maria, 'q=printer&offset=10')).total).toBe(3);
  });

  it('follows subject changes', async () => {
    const response = await call(app, desk.tokens.dana, 'PATCH', `/api/v1/tickets/${tonerTicket.id}`, { version: 1, subject: 'Toner cartridge order' });
    expect(response.statusCode, response.body).toBe(200);
    expect((await search(desk.tokens.dana, 'q=cartridge')).items.map((hit) => hit.ticket.id)).toEqual([tonerTicket.id]);
    expect((await search(desk.tokens.dana, 'q=supplies')).total).toBe(0);
  });

  it('follows a ticket to another team and to its assignee, and keeps who may find it beside every document', async () => {
    const ticket = await requesterTicket(app, desk, 'Projector flickers in room 5', 'The beamer flickers every minute.', desk.teams.network.id);
    await postMessage(app, desk.tokens.dana, ticket.id, 'Ordered a new beamer lamp', true);
    const found = async (token: string) => (await search(token, 'q=beamer')).items.map((hit) => hit.ticket.id);
    const change = async (changes: Record<string, unknown>) => {
      const current = await call(app, desk.tokens.maria, 'GET', `/api/v1/tickets/${ticket.id}`);
      const response = await call(app, desk.tokens.maria, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: current.json<{ version: number }>().version, ...changes });
      expect(response.statusCode, response.body).toBe(200);
    };
    const storedScopes = async () => {
      const row = await app.database.db.selectFrom('tickets').select(['teamId', 'assigneeId', 'requesterId', 'organizationId']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
      const documents = await app.database.db.selectFrom('searchDocuments').select(['isInternal', 'scope']).where('ticketId', '=', ticket.id).execute();
      expect(documents).toHaveLength(3);
      for (const document of documents) expect(document.scope).toBe(documentScope(row, Boolean(document.isInternal)));
    };
    expect([await found(desk.tokens.dana), await found(desk.tokens.omar)]).toEqual([[ticket.id], []]);
    await storedScopes();
    await change({ teamId: desk.teams.hardware.id });
    expect([await found(desk.tokens.dana), await found(desk.tokens.omar)]).toEqual([[], [ticket.id]]);
    await storedScopes();
    await change({ assigneeId: desk.users.dana.id });
    expect([await found(desk.tokens.dana), await found(desk.tokens.omar)]).toEqual([[ticket.id], [ticket.id]]);
    await storedScopes();
    // The requester finds her ticket by its public text only.
    expect(await found(desk.tokens.rita)).toEqual([ticket.id]);
    expect((await search(desk.tokens.rita, 'q=lamp')).total).toBe(0);
    // The index's scope keys are not text: nobody finds a ticket by them.
    expect((await search(desk.tokens.maria, 'q=pub')).total).toBe(0);
    expect((await search(desk.tokens.maria, `q=t${desk.teams.hardware.id}`)).total).toBe(0);
  });

  it('refuses a query without a word', async () => {
    const response = await call(app, desk.tokens.dana, 'GET', '/api/v1/search?q=%22*%3A!');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_field' } });
    expect((await call(app, desk.tokens.dana, 'GET', '/api/v1/search')).statusCode).toBe(400);
  });

  it('rebuilds the whole index from the tables', async () => {
    await app.database.db.deleteFrom('searchDocuments').execute();
    expect((await search(desk.tokens.dana, 'q=jammed')).total).toBe(0);
    const documents = await rebuildSearchIndex(app.database.db, app.database.dialect, new Date().toISOString());
    // 4 subjects + 4 opening messages + 4 replies and notes.
    expect(documents).toBe(12);
    expect((await search(desk.tokens.dana, 'q=jammed')).total).toBe(1);
    expect((await search(desk.tokens.rita, 'q=hunter2')).total).toBe(0);
    const rebuilt = await app.database.db
      .selectFrom('searchDocuments')
      .innerJoin('tickets', 'tickets.id', 'searchDocuments.ticketId')
      .select(['tickets.teamId', 'tickets.assigneeId', 'tickets.requesterId', 'tickets.organizationId', 'searchDocuments.isInternal', 'searchDocuments.scope'])
      .execute();
    for (const row of rebuilt) expect(row.scope).toBe(documentScope(row, Boolean(row.isInternal)));
  });
});

describe('snippets cut from a document', () => {
  it('marks every word starting with a term, folding case and accents, and cuts long text around the first match', () => {
    expect(highlightToHtml(snippetOf('Le Café ferme: cafétéria aussi', ['cafe']))).toBe('Le <mark>Café</mark> ferme: <mark>cafétéria</mark> aussi');
    const long = `${'filler '.repeat(40)}the printer jams ${'more '.repeat(40)}`;
    const snippet = highlightToHtml(snippetOf(long, ['printer'], 10));
    expect(snippet).toBe('…filler filler the <mark>printer</mark> jams more more more more more…');
    // As the search matches: earlier words whole, the last as a prefix.
    expect(highlightToHtml(snippetOf('Printers and the printer jams', ['printer', 'jam']))).toBe('Printers and the <mark>printer</mark> <mark>jams</mark>');
  });
});
