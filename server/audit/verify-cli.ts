import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../store/sqlite';
import { openPostgresStore } from '../store/postgres';
import { readCheckpoints } from './checkpoint';
import { verifyAuditChain } from './verify-chain';

/**
 * `npm run audit:verify -- --db <sqlite copy> | --database-url <postgres://…> --checkpoints <file> [--checkpoints <file>…] [--key-file <file>]`
 *
 * What an auditor runs against a copy of the database and the checkpoints exported from the server's
 * data directory or gathered from the SIEM (one JSON object a line). Several servers sharing one
 * PostgreSQL each keep their own file: pass every one of them (and the SIEM's), and the chain is held
 * against all of their checkpoints together, the newest of any of them deciding where it must reach. The audit key comes from
 * `--key-file` or CRMGUARD_AUDIT_KEY. Prints the verdict as JSON; exits 0 when the chain is intact and
 * reaches the newest checkpoint, 1 when it is not, 2 on a usage error.
 */
const USAGE = 'usage: npm run audit:verify -- (--db <sqlite file> | --database-url <postgres url>) --checkpoints <file> [--checkpoints <file>…] [--key-file <file>]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, 'database-url': { type: 'string' }, checkpoints: { type: 'string', multiple: true }, 'key-file': { type: 'string' } } });
  const key = values['key-file'] ? fs.readFileSync(values['key-file'], 'utf8').trim() : process.env.CRMGUARD_AUDIT_KEY;
  if (!key || (!values.db && !values['database-url']) || !values.checkpoints?.length) {
    console.error(USAGE);
    return 2;
  }
  if (values.db && !fs.existsSync(values.db)) {
    console.error(`no database file ${path.resolve(values.db)}`);
    return 2;
  }
  const missing = values.checkpoints.find((file) => !fs.existsSync(file));
  if (missing) {
    console.error(`no checkpoint file ${path.resolve(missing)}`);
    return 2;
  }
  const files = values.checkpoints.map((file) => ({ file, ...readCheckpoints(file, key) }));
  const checkpoints = files.flatMap((f) => f.checkpoints);
  const forged = files.reduce((n, f) => n + f.forged, 0);
  const store = values.db ? await openSqliteStore(values.db) : await openPostgresStore(values['database-url']!);
  try {
    const verdict = await verifyAuditChain(store, key, checkpoints);
    const ok = verdict.ok && forged === 0;
    const checkpointFiles = files.map((f) => ({ file: f.file, checkpoints: f.checkpoints.length, forged: f.forged, ...(f.checkpoints.length > 0 && { latest: f.checkpoints.at(-1)!.seq }) }));
    console.log(JSON.stringify({ ...verdict, ok, forgedCheckpoints: forged, checkpointFiles }, null, 2));
    if (checkpoints.length === 0) console.error('warning: no valid checkpoint: removal of the newest records cannot be detected');
    return ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
