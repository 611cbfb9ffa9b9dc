import { systemClock } from '../platform/clock.js';
import { createToken } from '../modules/identity/tokens.service.js';
import type { TokenScope } from '../modules/identity/identity.tables.js';
import { UsageError, requireOption, type Command } from './command.js';
import { withDatabase } from './with-database.js';

const scopes: readonly TokenScope[] = ['read', 'write', 'admin'];

/** Prints only the token on stdout, so scripts can write `TOKEN=$(linchpin create-token …)`. */
export const createTokenCommand: Command = {
  name: 'create-token',
  summary: 'Create an API token for a user (or service account) and print it; it is shown only once',
  usage: 'linchpin create-token --email E --name N [--scope read|write|admin] [--expires-at ISO-8601]',
  options: { email: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' }, 'expires-at': { type: 'string' } },
  async run(values) {
    const email = requireOption(values, 'email').trim().toLowerCase();
    const name = requireOption(values, 'name').trim();
    const scope = (typeof values.scope === 'string' ? values.scope : 'write') as TokenScope;
    if (!scopes.includes(scope)) throw new UsageError(`--scope must be one of ${scopes.join(', ')}.`);
    const expiresAt = typeof values['expires-at'] === 'string' ? values['expires-at'] : undefined;
    if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt))) throw new UsageError('--expires-at must be an ISO-8601 date-time.');
    return withDatabase(async (database, config) => {
      const owner = await database.db
        .selectFrom('userEmails')
        .innerJoin('users', 'users.id', 'userEmails.userId')
        .select(['users.id', 'users.isActive'])
        .where('userEmails.email', '=', email)
        .executeTakeFirst();
      if (!owner) throw new UsageError(`Nobody has the address ${email}.`);
      if (!owner.isActive) throw new UsageError(`${email} is deactivated.`);
      if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()) throw new UsageError('--expires-at must be in the future.');
      const { secret } = await createToken(
        { db: database.db, clock: systemClock, config, dialect: database.dialect },
        null,
        { userId: owner.id, name, scope, expiresAt: expiresAt ?? null },
        { actorId: null, requestId: null, ip: 'command line', clock: systemClock },
      );
      process.stdout.write(`${secret}\n`);
      return 0;
    });
  },
};
