import { expect } from 'vitest';
import type { TestApp } from '../../test/test-app.js';
import { bearer, createApiToken, createOrganization, createTeam, createUser } from '../../test/factories.js';

/**
 * A small desk for the search, attachments, views and event stream tests: two teams with an agent
 * each, a requester, and a manager who sees everything. Tickets and messages go through the real API.
 */
export async function seedDesk(app: TestApp) {
  const db = app.database.db;
  const network = await createTeam(db, { name: 'Network' });
  const hardware = await createTeam(db, { name: 'Hardware' });
  const organization = await createOrganization(db, { name: 'Acme' });
  const dana = await createUser(db, { role: 'agent', name: 'Dana Network', teamIds: [network.id] });
  const omar = await createUser(db, { role: 'agent', name: 'Omar Hardware', teamIds: [hardware.id] });
  const rita = await createUser(db, { role: 'requester', name: 'Rita Requester', organizationId: organization.id });
  const sam = await createUser(db, { role: 'requester', name: 'Sam Other', organizationId: organization.id });
  const maria = await createUser(db, { role: 'manager', name: 'Maria Manager' });
  const lead = await createUser(db, { role: 'team_lead', name: 'Lee Lead', leadTeamIds: [network.id] });
  const tokens = {
    dana: await createApiToken(db, dana.id),
    omar: await createApiToken(db, omar.id),
    rita: await createApiToken(db, rita.id),
    sam: await createApiToken(db, sam.id),
    maria: await createApiToken(db, maria.id),
    lead: await createApiToken(db, lead.id),
  };
  return { teams: { network, hardware }, organization, users: { dana, omar, rita, sam, maria, lead }, tokens };
}

export type Desk = Awaited<ReturnType<typeof seedDesk>>;

export async function call(app: TestApp, token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return app.http.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

/** Files a ticket as `token` (a requester's ticket goes to the team when an agent files it with teamId). */
export async function fileTicket(app: TestApp, token: string, body: Record<string, unknown>): Promise<{ id: number; ref: number; version: number }> {
  const response = await call(app, token, 'POST', '/api/v1/tickets', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function postMessage(app: TestApp, token: string, ticketId: number, body: string, internal = false): Promise<{ id: number }> {
  const response = await call(app, token, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body, internal });
  expect(response.statusCode, response.body).toBe(201);
  const json = response.json<{ message: { id: number } }>();
  return json.message;
}

/** A requester's ticket routed to a team by an agent, the way triage does it. */
export async function requesterTicket(app: TestApp, desk: Desk, subject: string, body: string, teamId: number) {
  const ticket = await fileTicket(app, desk.tokens.dana, { subject, body, requesterId: desk.users.rita.id, teamId });
  return ticket;
}
