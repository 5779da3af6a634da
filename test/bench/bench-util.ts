import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Event } from '../../shared/events';

/** Where benchmarks keep their databases and results (ignored by git). */
export const DIR = 'test-results/bench';

/** `--name value` from the command line, as a number. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** `--name value` from the command line, as a string. */
export function argText(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process's resident memory now and at its peak (VmHWM), in MB, from /proc. */
export function rss(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** An ordinary event of the last hour: mostly record views and copies, some exports, the odd heartbeat. */
export function benchEvent(employee: string, i: number): Event {
  const base = { id: randomUUID(), occurredAt: new Date(Date.now() - Math.floor(Math.random() * 3_600_000)).toISOString(), employee, origin: 'https://acme.lightning.force.com', fingerprints: [], fingerprintLevel: 0 };
  switch (i % 10) {
    case 0: return { ...base, type: 'crm.export', crm: 'salesforce', route: 'download', fileName: 'contacts.csv', format: 'csv', sizeBytes: 4096, rows: 40, columns: 5, emailCount: 40 } as Event;
    case 1: case 2: return { ...base, type: 'crm.copy', crm: 'salesforce', action: 'copy', emailCount: 2, phoneCount: 1, rowCount: 2, charCount: 120 } as Event;
    case 9: return { id: base.id, occurredAt: base.occurredAt, employee, origin: 'chrome-extension://crm-guard', type: 'agent.heartbeat', extensionVersion: '1.0.0', queueDepth: 0 } as Event;
    default: return { id: base.id, occurredAt: base.occurredAt, employee, origin: base.origin, type: 'crm.record_view', crm: 'salesforce', recordHash: randomUUID().replaceAll('-', '').slice(0, 16) } as Event;
  }
}
