import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';

/**
 * `--pin`: PostgreSQL on core 0, this process and everything it starts (the servers, their V8 threads) on
 * the other cores, as if the database had a machine of its own. Linux only, with taskset, on the machine
 * PostgreSQL runs on, as a user allowed to set its processes' affinity. Returns what puts everything back
 * on every core.
 */
export async function pinPostgresApart(databaseUrl: string): Promise<() => void> {
  const cores = os.availableParallelism();
  if (cores < 2) throw new Error('--pin needs at least two cores');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const { rows } = await admin.query<{ data_directory: string }>('show data_directory').finally(() => admin.end());
  // The postmaster's pid is the first line of postmaster.pid; its backends are its children, and the ones
  // forked later inherit its affinity.
  const postmaster = fs.readFileSync(path.join(rows[0]!.data_directory, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
  const postgres = () => {
    try {
      return [postmaster, ...execFileSync('pgrep', ['-P', postmaster], { encoding: 'utf8' }).split('\n').filter(Boolean)];
    } catch {
      return [postmaster]; // pgrep exits 1 when there are no children
    }
  };
  const set = (pids: string[], list: string) => {
    for (const pid of pids) {
      try {
        execFileSync('taskset', ['-a', '-c', '-p', list, pid], { stdio: 'ignore' });
      } catch (error) {
        // A backend may exit between pgrep and taskset; the postmaster must not.
        if (pid === postmaster || pid === String(process.pid)) throw error;
      }
    }
  };
  const all = `0-${cores - 1}`;
  set(postgres(), '0');
  set([String(process.pid)], `1-${cores - 1}`);
  return () => {
    set(postgres(), all);
    set([String(process.pid)], all);
  };
}
