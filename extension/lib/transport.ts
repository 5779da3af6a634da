import { browser } from 'wxt/browser';
import { markReachable, markUnreachable } from './connection-state';
import { EnrollResponse, MAX_BATCH } from '../../shared/api';
import { Policy } from '../../shared/policy';
import { backoffDelay, networkRetryDelay, retryAfterMs, type Backoff } from './backoff';
import { readConfig, type AgentConfig } from './config';
import type { EventQueue } from './queue';
import { readIdentityProvider, signInForEnrollment } from './oidc-enrollment';

const DEVICE_KEY = 'device';
const BACKOFF_KEY = 'backoff';
/** The last device token this browser held, kept when the enrollment is dropped (options page, a 401), so a re-enrollment can present it. */
const PREVIOUS_DEVICE_KEY = 'previousDevice';
/** Keeps each request well under the server's 8 MiB body limit even with full fingerprint sets. */
const MAX_BATCH_BYTES = 2 * 1024 * 1024;
/** A server that accepted the connection but never answers must not hold the queue forever; generous, since a server rescoring a large backlog can take tens of seconds per batch. */
const SEND_TIMEOUT_MS = 120_000;
/** Events reported within this window after one another go in one request. */
const COALESCE_MS = 200;

export interface Enrollment {
  serverUrl: string;
  employee: string;
  deviceId: string;
  deviceToken: string;
  /** How the server established `employee`: the company's sign-in (`oidc`) or only the enrollment token. */
  verifiedBy?: 'oidc' | 'enrollment_token';
}

export class TransportError extends Error {
  /** `retryAfterMs`: how long a 429/503 asked us to wait. */
  constructor(message: string, readonly status?: number, readonly retryAfterMs?: number) {
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
  // With the company's identity provider the employee is whoever signs in there; otherwise the configured e-mail.
  const provider = await readIdentityProvider();
  if (!cfg.serverUrl || (!provider && (!cfg.enrollmentToken || !cfg.employeeEmail))) return undefined;
  const stored = (await browser.storage.local.get(DEVICE_KEY))[DEVICE_KEY] as Enrollment | undefined;
  if (stored && stored.serverUrl === cfg.serverUrl && (provider ? stored.verifiedBy === 'oidc' : stored.employee === cfg.employeeEmail)) return stored;
  const previous = (stored ?? (await browser.storage.local.get(PREVIOUS_DEVICE_KEY))[PREVIOUS_DEVICE_KEY]) as Pick<Enrollment, 'serverUrl' | 'deviceToken'> | undefined;

  const device = { name: navigator.platform, userAgent: navigator.userAgent, extensionVersion: browser.runtime.getManifest().version };
  const response = await fetch(`${cfg.serverUrl}/v1/enroll`, {
    method: 'POST',
    // The previous device token (same server only) lets the server notice this browser changing identity.
    headers: { 'content-type': 'application/json', ...(previous?.serverUrl === cfg.serverUrl ? { authorization: `Bearer ${previous.deviceToken}` } : {}) },
    body: JSON.stringify(provider
      ? { idToken: await signInForEnrollment(provider), device }
      : { enrollmentToken: cfg.enrollmentToken, employeeEmail: cfg.employeeEmail, device }),
  });
  if (!response.ok) throw new TransportError(`enrollment failed: ${response.status} ${await response.text()}`, response.status);
  const body = EnrollResponse.parse(await response.json());
  const enrollment: Enrollment = {
    serverUrl: cfg.serverUrl, deviceId: body.deviceId, deviceToken: body.deviceToken,
    employee: body.employee ?? cfg.employeeEmail, verifiedBy: body.verifiedBy ?? 'enrollment_token',
  };
  await browser.storage.local.set({ [DEVICE_KEY]: enrollment, [PREVIOUS_DEVICE_KEY]: { serverUrl: enrollment.serverUrl, deviceToken: enrollment.deviceToken } });
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

let flushing: Promise<number> | undefined;
let again = false;
let againForced = false;
let soon: ReturnType<typeof setTimeout> | undefined;

/**
 * Sends queued events in batches until the queue is empty or the server fails. Only acknowledged events
 * are deleted; a refused batch (400) is kept, marked rejected. Returns the number of events delivered.
 * A call during a run joins it, and the run goes round once more for what was queued meanwhile.
 */
export function flushQueue(queue: EventQueue, { force = false } = {}): Promise<number> {
  if (flushing) {
    again = true;
    // A forced call (browser start, new settings) that joins a run held by the backoff still gets its try.
    againForced ||= force;
    return flushing;
  }
  return (flushing = (async () => {
    let delivered = 0;
    let forced = force;
    do {
      again = false;
      // Only a round asked for as forced may skip the backoff: a failure in it must not be retried at once.
      delivered += await runFlush(queue, forced);
      forced = againForced;
      againForced = false;
    } while (again);
    return delivered;
  })().finally(() => (flushing = undefined)));
}

/**
 * Flushes shortly after a new event, so it reaches the server within a second rather than at the next
 * alarm, while a burst of events still goes in one request. Only a shortcut: the event is already
 * durable, and the alarm sends it if the worker stops first.
 */
export function flushSoon(queue: EventQueue): void {
  soon ??= setTimeout(() => {
    soon = undefined;
    void flushQueue(queue);
  }, COALESCE_MS);
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
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
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
      // 503 (database full, locked, read-only) and 429 say when to come back; the queue waits for it.
      const retryAfter = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
      throw new TransportError(`server answered ${response.status}`, response.status, retryAfter);
    }
    if (backoff.attempt > 0) await browser.storage.local.set({ [BACKOFF_KEY]: { attempt: 0, nextAt: 0 } satisfies Backoff });
    // Only a batch the server took proves it reachable; an empty queue sent nothing.
    if (delivered > 0) await markReachable();
  } catch (error) {
    // No answer at all, or one saying "not now" (5xx, 429): the employee's popup says the server is unreachable.
    if (!(error instanceof TransportError) || error.status === undefined || error.status >= 500 || error.status === 429) await markUnreachable();
    else await markReachable();
    const attempt = backoff.attempt + 1;
    const delay = retryDelay(error, attempt);
    await browser.storage.local.set({ [BACKOFF_KEY]: { attempt, nextAt: Date.now() + delay } satisfies Backoff });
    // The flush alarm retries even if the worker stops; while it lives, try as soon as allowed.
    setTimeout(() => void flushQueue(queue), delay + 50);
    console.warn(`[crm-guard] send failed, will retry in ${Math.round(delay / 1000)} s`, error);
  }
  return delivered;
}

function retryDelay(error: unknown, attempt: number): number {
  if (error instanceof TransportError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  // fetch rejects with a TypeError when no answer came at all (refused, reset, offline).
  if (error instanceof TypeError) return networkRetryDelay(attempt);
  return backoffDelay(attempt);
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
