import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import pg from 'pg';
import { childrenOf, parentOf, statFields } from './proc';

/** CPU-seconds so far: the servers (all their threads, V8's heap workers included; none measured, undefined), PostgreSQL, this process. */
export interface CpuTotals { servers?: number; postgres?: number; client: number }

/**
 * CPU-seconds per party of a benchmark, from Linux's /proc. PostgreSQL's is the postmaster's own time and
 * its reaped children's (every backend that has exited) plus its live children's; it is found as the parent
 * of a backend of `databaseUrl`, which any user may read. Two reads around a phase give that phase's use
 * (a backend that exits between the two lookups of one read is missed: a few milliseconds). Undefined off
 * Linux; without PostgreSQL's figure, saying why, when it runs elsewhere (another host, a container).
 */
export async function cpuMeter(serverPids: number[], databaseUrl?: string): Promise<{ read(): CpuTotals } | undefined> {
  if (process.platform !== 'linux') return undefined;
  const tick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const postmaster = databaseUrl === undefined ? undefined : await localPostmaster(databaseUrl);
  const own = (pid: number | string) => {
    const [user, system] = times(pid) ?? [0, 0];
    return user! + system!;
  };
  return {
    read() {
      const servers = serverPids.reduce((sum, pid) => {
        const t = times(pid);
        if (!t) throw new Error(`server process ${pid} has exited: its CPU can no longer be read`);
        return sum + t[0]! + t[1]!;
      }, 0);
      const cpu = process.cpuUsage();
      return {
        servers: serverPids.length === 0 ? undefined : servers / tick,
        postgres: postmaster === undefined ? undefined
          : ((times(postmaster) ?? []).reduce((a, b) => a + b, 0) + childrenOf(postmaster).reduce((sum, pid) => sum + own(pid), 0)) / tick,
        client: (cpu.user + cpu.system) / 1e6,
      };
    },
  };
}

/** utime, stime, cutime, cstime (fields 14–17 of /proc/<pid>/stat) in ticks, or undefined once it has exited. */
function times(pid: number | string): number[] | undefined {
  return statFields(pid)?.slice(11, 15).map(Number);
}

/** The postmaster of `databaseUrl`'s server, when it runs on this machine: the parent of this connection's backend. */
async function localPostmaster(databaseUrl: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: [row] } = await client.query<{ backend: number }>('select pg_backend_pid() as backend');
    const parent = parentOf(row!.backend);
    if (parent === undefined) throw new Error(`no process ${row!.backend} here`);
    if (!fs.readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes('postgres')) throw new Error(`its parent ${parent} is not a postgres process`);
    return parent;
  } catch (error) {
    console.warn(`PostgreSQL's CPU is not measured: its backend is not a process of this machine (${(error as Error).message})`);
    return undefined;
  } finally {
    await client.end();
  }
}
