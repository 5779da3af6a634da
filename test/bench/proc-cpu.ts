import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { childrenOf, postmasterPid } from './pin-cores';

/**
 * CPU-seconds per party of a benchmark, from Linux's /proc: the servers (all their threads, V8's heap
 * workers included), PostgreSQL (the postmaster with every backend it has reaped, plus those still
 * running) and this process, the load generator. `read()` gives the totals so far; two reads around a
 * phase give that phase's use. Where /proc or a local PostgreSQL is missing, `cpuMeter` gives undefined
 * and the benchmark says nothing about CPU.
 */
export interface CpuTotals { servers: number; postgres?: number; client: number }

export async function cpuMeter(serverPids: number[], databaseUrl?: string): Promise<{ read(): CpuTotals } | undefined> {
  if (process.platform !== 'linux') return undefined;
  const tick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  let postmaster: string | undefined;
  if (databaseUrl) {
    try {
      postmaster = await postmasterPid(databaseUrl);
    } catch {
      return undefined; // PostgreSQL on another host or in a container: its CPU is not ours to read
    }
  }
  // utime, stime, cutime, cstime: fields 14–17 of /proc/<pid>/stat, counted after the ") " that ends the name.
  const times = (pid: number | string): number[] => {
    try {
      return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 15).map(Number);
    } catch {
      return [0, 0, 0, 0]; // exited meanwhile
    }
  };
  const own = (pid: number | string) => { const [u, s] = times(pid); return u! + s!; };
  return {
    read() {
      const cpu = process.cpuUsage();
      return {
        servers: serverPids.reduce((sum, pid) => sum + own(pid), 0) / tick,
        postgres: postmaster === undefined ? undefined
          : (times(postmaster).reduce((a, b) => a + b, 0) + childrenOf(postmaster).reduce((sum, pid) => sum + own(pid), 0)) / tick,
        client: (cpu.user + cpu.system) / 1e6,
      };
    },
  };
}
