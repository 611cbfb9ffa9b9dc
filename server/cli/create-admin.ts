import { systemClock } from '../platform/clock.js';
import { AdminBootstrapError, createAdmin } from '../modules/identity/admin-bootstrap.js';
import { UsageError, requireOption, type Command } from './command.js';
import { withDatabase } from './with-database.js';

export const createAdminCommand: Command = {
  name: 'create-admin',
  summary: 'Create an admin (or make an existing user one); prints a generated password if none is given',
  usage: 'linchpin create-admin --email E [--password P] [--name N]',
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  async run(values) {
    const email = requireOption(values, 'email');
    const password = typeof values.password === 'string' ? values.password : undefined;
    const name = typeof values.name === 'string' ? values.name : undefined;
    return withDatabase(async (database, config) => {
      try {
        const admin = await createAdmin(database.db, systemClock, { minLength: config.passwordMinLength }, { email, password, name });
        process.stdout.write(
          `${admin.promoted ? 'Made the existing user' : 'Created admin'} ${admin.email} (id ${admin.userId}).\n` +
            (admin.generatedPassword ? `Password (shown once): ${admin.generatedPassword}\n` : '') +
            `Sign in at ${config.publicUrl}/desk\n`,
        );
        return 0;
      } catch (error) {
        if (error instanceof AdminBootstrapError) throw new UsageError(error.message);
        throw error;
      }
    });
  },
};
