import { browser } from 'wxt/browser';
import { EnrollResponse, MAX_BATCH } from '../../shared/api';
import { Policy } from '../../shared/policy';
import { readConfig, type AgentConfig } from './config';
import type { EventQueue } from './queue';

const DEVICE_KEY = 'device';
const BACKOFF_KEY = 'backoff';
/** Keeps each request well under the server's 8 MiB body limit even with full fingerprint sets. */
const MAX_BATCH_BYTES = 2 * 1024 * 1024;

export interface Enrollment {
  serverUrl: string;
  employee: string;
  deviceId: string;
  deviceToken: string;
}

export class TransportError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

let enrolling: Promise<Enrollment | undefined> | undefined;

/** The device token for the configured server and employee, enrolling when there is none yet; concurrent callers share one enrollment. */
export function ensureEnrolled(config?: AgentConfig): Promise<Enrollment | undefined> {
  return (enrolling ??= enroll(config).finally(() => (enrolling = undefined)));
}

async function enroll(config?: AgentConfig): Promise<Enrollment | undefined> {
  const cfg = config ?? (await readConfig());
  if (!cfg.serverUrl || !cfg.enrollmentToken || !cfg.employeeEmail) return undefined;
  const stored = (await browser.storage.local.get(DEVICE_KEY))[DEVICE_KEY] as Enrollment | undefined;
  if (stored && stored.serverUrl === cfg.serverUrl && stored.employee === cfg.employeeEmail) return stored;

  const response = await fetch(`${cfg.serverUrl}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      enrollmentToken: cfg.enrollmentToken,
      employeeEmail: cfg.employeeEmail,
      device: { name: navigator.platform, userAgent: navigator.userAgent, extensionVersion: browser.runtime.getManifest().version },
    }),
  });
  if (!response.ok) throw new TransportError(`enrollment failed: ${response.status} ${await response.text()}`, response.status);
  const body = EnrollResponse.parse(await response.json());
  const enrollment: Enrollment = { serverUrl: cfg.serverUrl, employee: cfg.employeeEmail, ...body };
  await browser.storage.local.set({ [DEVICE_KEY]: enrollment });
  return enrollment;
}

async function forgetEnrollment() {
  await browser.storage.local.remove(DEVICE_KEY);
}

export async function fetchPolicy(enrollment: Enrollment): Promise<Policy> {
  const response = await fetch(`${enrollment.serverUrl}/v1/policy`, { headers: { authorization: `Bearer ${enrollment.deviceToken}` } });
  if (response.status === 401) await forgetEnrollment();
  if (!response.ok) throw new TransportError(`policy fetch failed: ${response.status}`, response.status);
  return Policy.parse(await response.json());
}

interface Backoff { attempt: number; nextAt: number }

/** Exponential backoff with full jitter: 5 s, 10 s, 20 s … capped at 15 min. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(15 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

let flushing: Promise<number> | undefined;

/**
 * Sends queued events in batches until the queue is empty or the server fails. Only acknowledged events
 * are deleted; a refused batch (400) is kept, marked rejected. Returns the number of events delivered.
 * Concurrent calls share one run.
 */
export function flushQueue(queue: EventQueue, { force = false } = {}): Promise<number> {
  return (flushing ??= runFlush(queue, force).finally(() => (flushing = undefined)));
}

async function runFlush(queue: EventQueue, force: boolean): Promise<number> {
  const backoff = ((await browser.storage.local.get(BACKOFF_KEY))[BACKOFF_KEY] ?? { attempt: 0, nextAt: 0 }) as Backoff;
  if (!force && Date.now() < backoff.nextAt) return 0;
  let delivered = 0;
  try {
    const enrollment = await ensureEnrolled();
    if (!enrollment) return 0;
    let limit = MAX_BATCH;
    for (;;) {
      const next = await queue.nextBatch(limit);
      // An event recorded as another employee (before the identity changed) is kept, never re-attributed.
      const foreign = next.filter((q) => q.event.employee && q.event.employee !== enrollment.employee);
      if (foreign.length > 0) await queue.reject(foreign.map((q) => q.id), `recorded for ${foreign[0]!.event.employee}, not ${enrollment.employee}`);
      const batch = fitToBytes(next.filter((q) => !foreign.includes(q)));
      if (batch.length === 0) {
        if (foreign.length > 0) continue;
        break;
      }
      const events = batch.map((q) => ({ ...q.event, employee: enrollment.employee }));
      const response = await fetch(`${enrollment.serverUrl}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${enrollment.deviceToken}` },
        body: JSON.stringify({ events }),
      });
      if (response.ok) {
        await queue.acknowledge(batch.map((q) => q.id));
        delivered += batch.length;
        limit = MAX_BATCH;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        await forgetEnrollment();
        throw new TransportError(`server refused the device (${response.status}); will enroll again`, response.status);
      }
      if (response.status === 400 || response.status === 413) {
        const body = await response.text();
        const invalid = invalidIndexes(body).filter((i) => i < batch.length);
        if (invalid.length > 0) {
          // Only the events the server named are set aside; the rest go again in the next round.
          await queue.reject(invalid.map((i) => batch[i]!.id), `${response.status}: ${body.slice(0, 500)}`);
        } else if (batch.length > 1) {
          limit = Math.ceil(batch.length / 2);
        } else {
          await queue.reject([batch[0]!.id], `${response.status}: ${body.slice(0, 500)}`);
        }
        continue;
      }
      throw new TransportError(`server answered ${response.status}`, response.status);
    }
    await browser.storage.local.set({ [BACKOFF_KEY]: { attempt: 0, nextAt: 0 } satisfies Backoff });
  } catch (error) {
    const attempt = backoff.attempt + 1;
    await browser.storage.local.set({ [BACKOFF_KEY]: { attempt, nextAt: Date.now() + backoffDelay(attempt) } satisfies Backoff });
    console.warn('[crm-guard] send failed, will retry', error);
  }
  return delivered;
}

/** Indexes of the events a 400 names, from its `details.fields[].path` (`events.3.occurredAt`). */
export function invalidIndexes(body: string): number[] {
  try {
    const fields = (JSON.parse(body) as { error?: { details?: { fields?: { path?: string }[] } } }).error?.details?.fields ?? [];
    return [...new Set(fields.map((f) => /^events\.(\d+)\b/.exec(f.path ?? '')?.[1]).filter((i) => i !== undefined).map(Number))];
  } catch {
    return [];
  }
}

function fitToBytes<T extends { event: unknown }>(batch: T[]): T[] {
  let bytes = 0;
  const fitted: T[] = [];
  for (const item of batch) {
    bytes += JSON.stringify(item.event).length;
    if (fitted.length > 0 && bytes > MAX_BATCH_BYTES) break;
    fitted.push(item);
  }
  return fitted;
}
