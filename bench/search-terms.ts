/**
 * Search, term by term, in process: how long the ranking query alone and the whole search (ranking, the page's
 * tickets and snippets) take for each of B5's terms, on an existing generated desk, without HTTP or other clients.
 * B5's p99 mixes every term and the queueing of four clients; this tells which term costs what.
 *
 *   node dist/bench/search-terms.js --from bench/results/databases/sqlite-1000000-v4/linchpin.sqlite
 *   node dist/bench/search-terms.js --from postgres://postgres@127.0.0.1:5432/linchpin_bench_postgres_1000000_v4
 *
 * Searches as the benchmark's agent (the first agent of a tier-1 team) unless `--as manager` or `--as requester`.
 * Reads only; prints the median and the slowest of `--repeat` runs per term, after one unmeasured run.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/platform/db/database.js';
import { systemClock } from '../server/platform/clock.js';
import { loadActor } from '../server/modules/identity/actor-loader.js';
import { ticketScope } from '../server/modules/identity/index.js';
import { searchTerms as termsOf } from '../server/modules/tickets/search.query.js';
import { rankTickets } from '../server/modules/tickets/search.repository.js';
import { createSearchService } from '../server/modules/tickets/search.service.js';
import { findCast } from './actors.js';
import { searchTerms } from './scenarios.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    repeat: { type: 'string', default: '5' },
    as: { type: 'string', default: 'agent' },
  },
});
if (!values.from) throw new Error('--from <SQLite file or postgres:// URL> is required');
const repeat = Math.max(1, Number(values.repeat));
const database = await openDatabase(values.from.startsWith('postgres') ? { databaseUrl: values.from, poolSize: 2 } : { sqliteFile: values.from });

try {
  const cast = await findCast(database);
  const userId = values.as === 'manager' ? cast.manager.id : values.as === 'requester' ? cast.requesters[0]!.id : cast.agent.id;
  const actor = await loadActor(database.db, userId, 'token');
  if (!actor) throw new Error(`User ${userId} is not active`);
  const scope = ticketScope(actor);
  const service = createSearchService({ database, clock: systemClock });

  const millisecondsOf = async (work: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const summary = (samples: number[]) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return `${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} · ${sorted.at(-1)!.toFixed(1)}`;
  };

  say(`${database.dialect}, as ${values.as} (user ${userId}), median · slowest of ${repeat} (ms)`);
  say(['term', 'ranking', 'whole search', 'tickets'].join('\t'));
  for (const term of searchTerms) {
    const rank = () => rankTickets(database.db, { dialect: database.dialect, terms: termsOf(term), scope, conditions: [], limit: 25, offset: 0 });
    const search = () => service.search(actor, { q: term, limit: 25, offset: 0 });
    const first = await rank();
    const ranking: number[] = [];
    const whole: number[] = [];
    for (let run = 0; run < repeat; run++) {
      ranking.push(await millisecondsOf(rank));
      whole.push(await millisecondsOf(search));
    }
    const tickets = `${first.total}${first.totalIsLowerBound ? '+' : ''}`;
    say([term, summary(ranking), summary(whole), tickets].join('\t'));
  }
} finally {
  await database.close();
}
