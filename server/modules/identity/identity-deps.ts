import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';

/** What the identity services are built from. */
export interface IdentityDeps {
  db: Db;
  clock: Clock;
  config: Config;
  dialect: 'sqlite' | 'postgres';
}
