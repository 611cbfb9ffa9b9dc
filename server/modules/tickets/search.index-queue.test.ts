import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { requesterTicket, seedDesk, type Desk } from './extras.test-fixtures.js';
import { rebuildSearchIndex } from './search.index.js';
import { catchUpSearchIndex, flushSearchIndexQueue } from './search.index-queue.js';

describe('the SQLite search index queue', () => {
  let app: TestApp;
  let desk: Desk;
  let ticketId: number;

  const queued = async () => Number((await sql<{ n: number }>`select count(*) as n from search_index_queue`.execute(app.database.db)).rows[0]!.n);
  const indexed = async (term: string) =>
    (await sql<{ id: number }>`select rowid as id from search_documents_fts where search_documents_fts match ${term} order by rowid`.execute(app.database.db)).rows.map((row) => row.id);
  /** FTS5's own check that the index holds exactly what the content table holds. */
  const assertIndexIntact = () => sql`insert into search_documents_fts (search_documents_fts) values ('integrity-check')`.execute(app.database.db);

  beforeAll(async () => {
    app = await createTestApp('sqlite');
    desk = await seedDesk(app);
    ticketId = (await requesterTicket(app, desk, 'Projector flickers', 'The projector in room 2 flickers.', desk.teams.network.id)).id;
    await flushSearchIndexQueue(app.database.db);
  });

  afterAll(async () => {
    await app.stop();
  });

  it('replays inserts, rewrites and deletes in order, so the index ends exactly as the documents are', async () => {
    const db = app.database.db;
    const document = (sourceId: number, body: string) => ({ ticketId, source: 'attachment' as const, sourceId, isInternal: false, body, scope: 'r1 pub', updatedAt: new Date().toISOString() });
    const [walrus] = await db.insertInto('searchDocuments').values(document(9001, 'walrus manual.pdf')).returning('id').execute();
    const [gone] = await db.insertInto('searchDocuments').values(document(9002, 'ephemeral.txt')).returning('id').execute();
    await db.updateTable('searchDocuments').set({ body: 'narwhal manual.pdf' }).where('id', '=', walrus!.id).execute();
    await db.updateTable('searchDocuments').set({ scope: 'r2 pub' }).where('id', '=', walrus!.id).execute();
    // Only the time changes: nothing for the index.
    await db.updateTable('searchDocuments').set({ updatedAt: new Date().toISOString() }).where('id', '=', walrus!.id).execute();
    await db.deleteFrom('searchDocuments').where('id', '=', gone!.id).execute();
    expect(await queued()).toBe(2 + 2 + 2 + 1);
    // Not yet in the index: the queue has not been replayed.
    expect(await indexed('narwhal')).toEqual([]);

    await catchUpSearchIndex(db, 'sqlite');
    expect(await queued()).toBe(0);
    expect(await indexed('narwhal')).toEqual([walrus!.id]);
    expect(await indexed('walrus')).toEqual([]);
    expect(await indexed('ephemeral')).toEqual([]);
    expect(await indexed('scope : r2')).toEqual([walrus!.id]);
    await assertIndexIntact();
    // Nothing waiting: a catch-up is a look and no write.
    await catchUpSearchIndex(db, 'sqlite');
    expect(await flushSearchIndexQueue(db)).toBe(0);
  });

  it('lets a search find what was just written, before any replay', async () => {
    const created = await requesterTicket(app, desk, 'Kaleidoscope screensaver stuck', 'Since this morning.', desk.teams.network.id);
    expect(await queued()).toBeGreaterThan(0);
    const response = await app.http.inject({ method: 'GET', url: '/api/v1/search?q=kaleidoscope', headers: { authorization: `Bearer ${desk.tokens.dana}` } });
    expect(response.json<{ items: Array<{ ticket: { id: number } }> }>().items.map((hit) => hit.ticket.id)).toEqual([created.id]);
    expect(await queued()).toBe(0);
  });

  it('replays the queue by itself shortly after a write', async () => {
    await requesterTicket(app, desk, 'Stapler missing', 'Someone took it.', desk.teams.network.id);
    expect(await queued()).toBeGreaterThan(0);
    await expect.poll(queued, { timeout: 5_000 }).toBe(0);
    expect((await indexed('stapler')).length).toBe(1);
  });

  it('forgets the queue when the whole index is rebuilt, which already holds every change', async () => {
    await requesterTicket(app, desk, 'Whiteboard markers dry', 'All of them.', desk.teams.network.id);
    await rebuildSearchIndex(app.database.db, 'sqlite', new Date().toISOString());
    expect(await queued()).toBe(0);
    await assertIndexIntact();
    expect((await indexed('whiteboard')).length).toBe(1);
  });
});
