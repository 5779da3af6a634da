import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { childrenOf, parentOf } from './proc';

/**
 * `--pin`: PostgreSQL on core 0, this process and everything it starts (the servers, their V8 threads) on
 * the other cores, as if the database had a machine of its own. Linux only, with taskset and pgrep, on the
 * machine PostgreSQL runs on (not in a container), as a user who may read its data directory's
 * postmaster.pid and set its processes' affinity (root here). Returns what puts every process back on the
 * cores it had; that also runs when the process exits or is interrupted (not on SIGKILL: then
 * `taskset -a -c -p 0-N <pid>` by hand for the postmaster and its children).
 */
export async function pinPostgresApart(databaseUrl: string): Promise<() => void> {
  if (os.availableParallelism() < 2) throw new Error('--pin needs at least two cores');
  const postmaster = await postmasterPid(databaseUrl);
  const postgres = () => [postmaster, ...childrenOf(postmaster)];
  const before = new Map<string, string>();
  const set = (pids: string[], list: string) => {
    for (const pid of pids) {
      try {
        if (!before.has(pid)) before.set(pid, affinityOf(pid));
        execFileSync('taskset', ['-a', '-c', '-p', list, pid], { stdio: 'ignore' });
      } catch (error) {
        // A backend may exit between pgrep and taskset; the postmaster and this process must not.
        if (pid === postmaster || pid === String(process.pid)) throw error;
      }
    }
  };
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    // Backends forked while pinned inherited core 0 without being recorded: they get the postmaster's old set.
    for (const pid of postgres()) {
      try {
        execFileSync('taskset', ['-a', '-c', '-p', before.get(pid) ?? before.get(postmaster)!, pid], { stdio: 'ignore' });
      } catch {
        // gone meanwhile
      }
    }
    execFileSync('taskset', ['-a', '-c', '-p', before.get(String(process.pid))!, String(process.pid)], { stdio: 'ignore' });
  };
  process.once('exit', restore);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  try {
    // This process first: if it cannot have the other cores, PostgreSQL is never moved.
    set([String(process.pid)], `1-${os.availableParallelism() - 1}`);
    set(postgres(), '0');
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}

/** The postmaster's pid, from postmaster.pid, checked against the parent of this connection's backend. */
async function postmasterPid(databaseUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const { rows: [settings] } = await admin.query<{ data_directory: string; backend: number }>('select current_setting(\'data_directory\') as data_directory, pg_backend_pid() as backend');
    const pid = fs.readFileSync(path.join(settings!.data_directory, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
    if (parentOf(settings!.backend) !== pid) throw new Error(`--pin: PostgreSQL's backend ${settings!.backend} is not a child of pid ${pid} here (another host or container?)`);
    return pid;
  } finally {
    await admin.end();
  }
}

/** A process's CPU list as taskset prints it ("pid 42's current affinity list: 0,1"). */
function affinityOf(pid: string): string {
  return execFileSync('taskset', ['-c', '-p', pid], { encoding: 'utf8' }).trim().split(': ').at(-1)!;
}
