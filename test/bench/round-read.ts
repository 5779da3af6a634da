/**
 * What one rescore round's notable-events read costs on PostgreSQL in a large organisation, with the
 * partial index of migration 0008 and, in the same run on the same rows, without it (dropped for the
 * second half): `--employees` people's `--events` events (risk-speed's organisation), then `--rounds`
 * reads of 250 employees picked at random, each the window's notable events (`Store.scoringData`, as a
 * round of ingest scoring reads them).
 * Run: npx tsx test/bench/round-read.ts [--employees 10000] [--events 2000000] [--rounds 40]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROUND_MAX } from '../../server/scoring/ingest-scoring';
import { RISK_MODEL } from '../../server/risk/model';
import { arg, DIR } from './bench-util';
import { freshDatabase } from './bench-server';
import { largeOrganisation } from './large-org';
import { rng } from './random';
import { eventRow, poolOnSchema, rawInsert, type EventRow } from './raw-insert';
import { thousands, printFigures } from './figures';

const EMPLOYEES = arg('employees', 10_000);
const EVENTS = arg('events', 2_000_000);
const ROUNDS = arg('rounds', 40);

const db = await freshDatabase('postgres', 'round-read');
const admin = poolOnSchema(db.env.DATABASE_URL!, 1);
try {
  const employees: string[] = [];
  let latest = '';
  let loaded = 0;
  const started = performance.now();
  const receivedAt = new Date().toISOString();
  for (const chunk of largeOrganisation(EMPLOYEES, EVENTS)) {
    const batches: EventRow[][] = [];
    for (const p of chunk) {
      employees.push(p.email);
      for (let i = 0; i < p.events.length; i += 500) {
        batches.push(p.events.slice(i, i + 500).map((e) => {
          const row = eventRow(e, receivedAt, 'bench');
          if (row.occurred_at > latest) latest = row.occurred_at;
          return row;
        }));
      }
      loaded += p.events.length;
    }
    await rawInsert(db.env, batches, 20);
  }
  console.log(`loaded ${loaded} events of ${employees.length} employees in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await admin.query('analyze events');

  const since = new Date(Date.parse(latest) - RISK_MODEL.windowDays * 86_400_000).toISOString();
  const pick = rng(11);
  const rounds = Array.from({ length: ROUNDS }, () => {
    const round = new Set<string>();
    while (round.size < ROUND_MAX) round.add(employees[Math.floor(pick.next() * employees.length)]!);
    return [...round];
  });
  const measure = async () => {
    const ms: number[] = [];
    let rows = 0;
    for (const round of rounds) {
      const t = performance.now();
      const data = await db.store.scoringData(round, { eventsSince: since });
      ms.push(performance.now() - t);
      for (const d of data.values()) rows += d.notable.length;
    }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]!, notablePerRound: rows / rounds.length };
  };
  await measure(); // warm the cache: both halves then read from memory
  const withIndex = await measure();
  await admin.query('drop index events_notable_employee_time');
  await admin.query('analyze events');
  await measure();
  const without = await measure();
  const line = (label: string, r: typeof withIndex) => `${label}: median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms a round of ${ROUND_MAX} (${r.notablePerRound.toFixed(0)} notable events read)`;
  console.log(line('with the partial index', withIndex));
  console.log(line('without it', without));
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, 'round-read.json'), JSON.stringify({ employees: employees.length, events: loaded, since, withIndex, without }, null, 2));
  printFigures([{
    measure: `a rescore round's read of ${ROUND_MAX} employees' notable events, PostgreSQL, ${thousands(loaded)} events stored, median`,
    figure: `${withIndex.median.toFixed(1)} ms (${without.median.toFixed(1)} ms without the partial index)`,
    goal: '—',
    met: null,
  }]);
} finally {
  await admin.end();
  await db.drop();
}
