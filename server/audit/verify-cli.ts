import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../store/sqlite';
import { openPostgresStore } from '../store/postgres';
import { readCheckpoints } from './checkpoint';
import { verifyAuditChain } from './verify-chain';

/**
 * `npm run audit:verify -- --db <sqlite copy> | --database-url <postgres://…> --checkpoints <file> [--key-file <file>]`
 *
 * What an auditor runs against a copy of the database and the checkpoints exported from the server's
 * data directory or gathered from the SIEM (one JSON object a line). The audit key comes from
 * `--key-file` or CRMGUARD_AUDIT_KEY. Prints the verdict as JSON; exits 0 when the chain is intact and
 * reaches the newest checkpoint, 1 when it is not, 2 on a usage error.
 */
const USAGE = 'usage: npm run audit:verify -- (--db <sqlite file> | --database-url <postgres url>) --checkpoints <file> [--key-file <file>]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, 'database-url': { type: 'string' }, checkpoints: { type: 'string' }, 'key-file': { type: 'string' } } });
  const key = values['key-file'] ? fs.readFileSync(values['key-file'], 'utf8').trim() : process.env.CRMGUARD_AUDIT_KEY;
  if (!key || (!values.db && !values['database-url']) || !values.checkpoints) {
    console.error(USAGE);
    return 2;
  }
  if (values.db && !fs.existsSync(values.db)) {
    console.error(`no database file ${path.resolve(values.db)}`);
    return 2;
  }
  const { checkpoints, forged } = readCheckpoints(values.checkpoints, key);
  const store = values.db ? await openSqliteStore(values.db) : await openPostgresStore(values['database-url']!);
  try {
    const verdict = await verifyAuditChain(store, key, checkpoints);
    const ok = verdict.ok && forged === 0;
    console.log(JSON.stringify({ ...verdict, ok, forgedCheckpoints: forged }, null, 2));
    if (checkpoints.length === 0) console.error('warning: no valid checkpoint: removal of the newest records cannot be detected');
    return ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
