import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { createTestDesk, type TestDesk } from './test-desk.js';

describe.each(testDatabases)('ticket reference numbers on %s', (dialect) => {
  let desk: TestDesk;
  beforeEach(async () => {
    desk = await createTestDesk(dialect);
  });
  afterEach(async () => desk.stop());

  const file = (subject: string, extra: Record<string, unknown> = {}) =>
    desk.call(desk.manager, 'POST', '/api/v1/tickets', { subject, body: `${subject} body`, requesterId: desk.requester.user.id, ...extra });

  it('hands out distinct, increasing numbers to tickets created at the same time', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, (_, index) => file(`Concurrent ${index}`)));
    for (const response of created) expect(response.status).toBe(201);
    const refs = created.map((response) => response.body.ref as number).sort((a, b) => a - b);
    expect(new Set(refs).size).toBe(12);
    // A fresh desk starts after 1000 and, with nothing rolled back, leaves no gaps.
    expect(refs).toEqual(Array.from({ length: 12 }, (_, index) => 1001 + index));
    expect(created.every((response) => response.body.reference === `#${response.body.ref}`)).toBe(true);
  });

  it('never reuses a number, even one a refused create had no use for', async () => {
    const first = await file('First');
    const refused = await file('Refused', { assigneeId: desk.requester.user.id });
    expect(refused.status).toBe(400);
    const second = await file('Second');
    expect(second.body.ref).toBeGreaterThan(first.body.ref);
    const listed = await desk.call(desk.manager, 'GET', '/api/v1/tickets?sort=ref');
    expect(listed.body.items.map((ticket: { subject: string }) => ticket.subject)).toEqual(['First', 'Second']);
  });
});
