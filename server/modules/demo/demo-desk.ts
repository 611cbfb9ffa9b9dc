import type { Database } from '../../platform/db/database.js';
// The demo desk hashes exactly as sign-in verifies.
import { generatePassword, hashPassword } from '../identity/index.js';
import { emptyBatch } from './bulk-tables.js';
import type { BulkWriter } from './bulk-writers.js';
import type { Random } from './random.js';
import type { DeskDirectory } from './ticket-builder.js';
import { demoCategories, demoOrganizations, demoTeams, firstNames, lastNames, staffDomain, type LeafCategory, type TeamKey } from './vocabulary.js';

/** A staff account of the demo desk, for the sign-in list printed after seeding. */
export interface StaffAccount {
  name: string;
  email: string;
  role: 'admin' | 'manager' | 'team_lead' | 'agent';
  team: string | null;
}

export interface DemoDesk {
  directory: DeskDirectory;
  staff: StaffAccount[];
  /** The one generated password of every staff account; null when the desk already existed. */
  password: string | null;
}

interface StaffPlan {
  first: string;
  last: string;
  role: StaffAccount['role'];
  team: TeamKey | null;
}

// Fixed names, so the printed sign-in list reads the same every time.
const staffPlan: StaffPlan[] = [
  { first: 'Dana', last: 'Whitfield', role: 'admin', team: null },
  { first: 'Morgan', last: 'Ellis', role: 'manager', team: null },
  { first: 'Priya', last: 'Raman', role: 'team_lead', team: 'service_desk' },
  ...['Tom Becker', 'Lucia Ferrante', 'Kwame Mensah', 'Sara Lindqvist', 'Ali Rahimi', 'Hannah Cole'].map((n) => agent(n, 'service_desk')),
  { first: 'Jakub', last: 'Nowak', role: 'team_lead', team: 'desktop_apps' },
  ...['Chloe Martin', 'Diego Alvarez', 'Mei Lin', 'Oliver Grant'].map((n) => agent(n, 'desktop_apps')),
  { first: 'Ingrid', last: 'Holm', role: 'team_lead', team: 'infrastructure' },
  ...['Rahul Menon', 'Eva Kovacs', 'Sean Doyle'].map((n) => agent(n, 'infrastructure')),
];

function agent(fullName: string, team: TeamKey): StaffPlan {
  const [first = fullName, last = ''] = fullName.split(' ');
  return { first, last, role: 'agent', team };
}

const emailOf = (first: string, last: string, domain: string, n = 0) =>
  `${first}.${last}${n > 0 ? n : ''}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');

/**
 * The demo desk's organisation: teams, staff, organisations, categories and requesters. Reuses a desk
 * that already exists (generating more tickets into it); otherwise creates it, with one generated
 * password for every staff account (requesters sign in by emailed link and get none).
 */
export async function ensureDemoDesk(
  database: Database,
  writer: BulkWriter,
  random: Random,
  options: { requesterCount: number; nowIso: string },
): Promise<DemoDesk> {
  const existing = await loadDemoDesk(database);
  if (existing) return { ...existing, password: null };
  const { db } = database;
  const now = options.nowIso;

  const roles = new Map((await db.selectFrom('roles').select(['id', 'key']).execute()).map((r) => [r.key, r.id]));
  const roleId = (key: string) => {
    const id = roles.get(key);
    if (id === undefined) throw new Error(`The built-in role ${key} is missing.`);
    return id;
  };

  const teamIds = new Map<TeamKey, number>();
  for (const team of demoTeams) {
    const row = await db
      .insertInto('teams')
      .values({ name: team.name, description: team.description, tier: team.tier, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    teamIds.set(team.key, row.id);
  }

  const password = generatePassword();
  // Every staff account shares this one password, so one hash serves them all: a salt per account would only hide
  // that they are equal, which is the design, and each scrypt costs ~0.2 s of CPU (seventeen took seconds).
  const passwordHash = await hashPassword(password);
  const staff: StaffAccount[] = [];
  for (const person of staffPlan) {
    const name = `${person.first} ${person.last}`;
    const email = emailOf(person.first, person.last, staffDomain);
    const user = await db
      .insertInto('users')
      .values({
        name,
        roleId: roleId(person.role),
        organizationId: null,
        phone: null,
        passwordHash,
        skills: JSON.stringify(person.team ? [person.team.replace('_', '-')] : []),
        capacity: person.role === 'agent' ? 25 : null,
        availability: 'online',
        lastSignInAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('userEmails').values({ userId: user.id, email, isPrimary: true }).execute();
    if (person.team) {
      await db
        .insertInto('teamMembers')
        .values({ teamId: teamIds.get(person.team)!, userId: user.id, isLead: person.role === 'team_lead', createdAt: now })
        .execute();
    }
    staff.push({ name, email, role: person.role, team: demoTeams.find((t) => t.key === person.team)?.name ?? null });
  }

  const organizationIds: number[] = [];
  for (const organization of demoOrganizations) {
    const row = await db
      .insertInto('organizations')
      .values({ name: organization.name, membersSeeEachOther: organization.membersSeeEachOther, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('organizationDomains').values({ domain: organization.domain, organizationId: row.id }).execute();
    organizationIds.push(row.id);
  }

  for (const [position, top] of demoCategories.entries()) {
    const parent = await db
      .insertInto('categories')
      .values({ parentId: null, name: top.name, description: top.description, position, defaultTeamId: null, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [childPosition, leaf] of top.children.entries()) {
      await db
        .insertInto('categories')
        .values({ parentId: parent.id, name: leaf.name, position: childPosition, defaultTeamId: teamIds.get(leaf.team)!, createdAt: now, updatedAt: now })
        .execute();
    }
  }

  await insertDemoServiceLevels(db, now);

  // Requesters in bulk: at a million tickets there are tens of thousands of them.
  const nextUserId = Number((await db.selectFrom('users').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst())?.max ?? 0) + 1;
  const nextEmailId = Number((await db.selectFrom('userEmails').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst())?.max ?? 0) + 1;
  const batch = emptyBatch();
  const requesterRole = roleId('requester');
  const used = new Map<string, number>();
  for (let i = 0; i < options.requesterCount; i++) {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const organizationIndex = random.weighted(demoOrganizations.map((o, index) => [index, o.share] as const));
    const domain = demoOrganizations[organizationIndex]!.domain;
    const base = emailOf(first, last, domain);
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    const phone = random.chance(0.6) ? `+44 20 7946 ${String(random.int(0, 9999)).padStart(4, '0')}` : null;
    batch.users.push([nextUserId + i, `${first} ${last}`, requesterRole, organizationIds[organizationIndex]!, phone, 1, null, '[]', null, 'offline', now, now]);
    batch.userEmails.push([nextEmailId + i, nextUserId + i, emailOf(first, last, domain, seen), 1]);
  }
  await writer.write(batch);

  const loaded = await loadDemoDesk(database);
  if (!loaded) throw new Error('The demo desk was created but cannot be read back.');
  return { ...loaded, password };
}

/**
 * Office hours in London and one policy for every ticket, with targets an IT desk would promise; no automatic
 * escalation, so a demo never mails its invented team leads.
 */
async function insertDemoServiceLevels(db: Database['db'], now: string): Promise<void> {
  const weekday = [{ start: '08:00', end: '18:00' }];
  const calendar = await db
    .insertInto('businessCalendars')
    .values({
      name: 'London office hours',
      timeZone: 'Europe/London',
      hours: JSON.stringify({ hours: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday } }),
      holidays: JSON.stringify([
        { date: '2026-01-01', recurring: true, name: "New Year's Day" },
        { date: '2026-12-25', recurring: true, name: 'Christmas Day' },
        { date: '2026-12-26', recurring: true, name: 'Boxing Day' },
      ]),
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const target = (firstResponseMinutes: number, nextResponseMinutes: number, resolutionMinutes: number) => ({ firstResponseMinutes, nextResponseMinutes, resolutionMinutes });
  await db
    .insertInto('slaPolicies')
    .values({
      name: 'Standard IT support',
      description: 'Every ticket, in office hours.',
      position: 0,
      isActive: true,
      conditions: JSON.stringify({}),
      targets: JSON.stringify({ urgent: target(30, 60, 240), high: target(60, 120, 480), normal: target(240, 480, 1_800), low: target(480, 960, 4_800) }),
      calendarId: calendar.id,
      pausingStatuses: JSON.stringify(['pending', 'on_hold']),
      warningPercent: 75,
      escalations: JSON.stringify([]),
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}

/** Reads an existing demo desk back (teams by name, categories by the vocabulary's tree); null when absent. */
export async function loadDemoDesk(database: Database): Promise<Omit<DemoDesk, 'password'> | null> {
  const { db } = database;
  const teams = await db.selectFrom('teams').select(['id', 'name', 'tier']).where('name', 'in', demoTeams.map((t) => t.name)).execute();
  if (teams.length < demoTeams.length) return null;
  const members = await db
    .selectFrom('teamMembers')
    .innerJoin('users', 'users.id', 'teamMembers.userId')
    .innerJoin('userEmails', (join) => join.onRef('userEmails.userId', '=', 'users.id').on('userEmails.isPrimary', '=', true))
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select(['teamMembers.teamId', 'users.id', 'users.name', 'userEmails.email', 'roles.key'])
    .where('users.isActive', '=', true)
    .orderBy('users.id')
    .execute();
  const directoryTeams = {} as DeskDirectory['teams'];
  for (const team of demoTeams) {
    const row = teams.find((t) => t.name === team.name)!;
    const agentIds = members.filter((m) => m.teamId === row.id).map((m) => m.id);
    if (agentIds.length === 0) return null;
    directoryTeams[team.key] = { id: row.id, tier: row.tier, agentIds };
  }
  const categoryRows = await db.selectFrom('categories').select(['id', 'parentId', 'name']).execute();
  const categories: Array<{ id: number; leaf: LeafCategory }> = [];
  for (const top of demoCategories) {
    const parent = categoryRows.find((c) => c.parentId === null && c.name === top.name);
    for (const leaf of top.children) {
      const row = parent && categoryRows.find((c) => c.parentId === parent.id && c.name === leaf.name);
      if (row) categories.push({ id: row.id, leaf });
    }
  }
  const requesters = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select(['users.id', 'users.name', 'users.organizationId'])
    .where('roles.key', '=', 'requester')
    .where('users.isActive', '=', true)
    .orderBy('users.id')
    .execute();
  if (categories.length === 0 || requesters.length === 0) return null;
  const staffRows = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .innerJoin('userEmails', (join) => join.onRef('userEmails.userId', '=', 'users.id').on('userEmails.isPrimary', '=', true))
    .select(['users.id', 'users.name', 'userEmails.email', 'roles.key'])
    .where('userEmails.email', 'like', `%@${staffDomain}`)
    .orderBy('users.id')
    .execute();
  const teamOf = (userId: number) => demoTeams.find((t) => directoryTeams[t.key].agentIds.includes(userId))?.name ?? null;
  return {
    directory: {
      teams: directoryTeams,
      categories,
      requesters: requesters.map((r) => ({ id: r.id, firstName: r.name.split(' ')[0] ?? r.name, organizationId: r.organizationId })),
      agentNames: new Map(members.map((m) => [m.id, m.name])),
    },
    staff: staffRows.map((s) => ({ name: s.name, email: s.email, role: s.key as StaffAccount['role'], team: teamOf(s.id) })),
  };
}
