import { browser } from 'wxt/browser';
import type { AgentTamperEvent } from '../../shared/events';
import { localIsoString } from '../lib/local-time';
import type { Enrollment } from '../lib/transport';
import { reportEvent } from './report-event';

/** The last enrollment this browser had; unlike `device`, never removed, so a change can be told from a first start. */
const LAST_ENROLLMENT_KEY = 'lastEnrollment';

type Change = Pick<AgentTamperEvent, 'signal' | 'detail'>;

/**
 * Every change of identity, server or enrollment is reported: to the new server through the queue, and,
 * because a change of server is exactly how someone would go quiet, to the previous server too, at once,
 * with the previous device's token and under the previous identity.
 */
export async function reportEnrollmentChange(current: Enrollment): Promise<void> {
  const previous = (await browser.storage.local.get(LAST_ENROLLMENT_KEY))[LAST_ENROLLMENT_KEY] as Enrollment | undefined;
  await browser.storage.local.set({ [LAST_ENROLLMENT_KEY]: current });
  if (!previous) return;
  const changes = enrollmentChanges(previous, current);
  const origin = new URL(browser.runtime.getURL('/')).origin;
  for (const change of changes) {
    await reportEvent({ type: 'agent.tamper', origin, ...change });
    if (previous.serverUrl !== current.serverUrl || previous.employee !== current.employee) await tellPreviousServer(previous, origin, change);
  }
}

/** What differs between two enrollments, as tamper signals. */
export function enrollmentChanges(previous: Enrollment, current: Enrollment): Change[] {
  const changes: Change[] = [];
  // No addresses in the detail: console viewers who see pseudonyms must not read them here. The event is
  // filed under both identities (queued under the new one, sent to the previous server under the old one).
  if (previous.employee !== current.employee) changes.push({ signal: 'identity_change', detail: `this browser now reports as another employee (device ${current.deviceId}, was ${previous.deviceId})` });
  if (previous.serverUrl !== current.serverUrl) changes.push({ signal: 'server_url_change', detail: `this browser now reports to ${current.serverUrl} instead of ${previous.serverUrl}` });
  if (changes.length === 0 && previous.deviceId !== current.deviceId) changes.push({ signal: 'enrollment_change', detail: `enrolled again as device ${current.deviceId} (was ${previous.deviceId})` });
  return changes;
}

async function tellPreviousServer(previous: Enrollment, origin: string, change: Change) {
  const event = { id: crypto.randomUUID(), type: 'agent.tamper', occurredAt: localIsoString(), employee: previous.employee, origin, ...change };
  try {
    await fetch(`${previous.serverUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${previous.deviceToken}` },
      body: JSON.stringify({ events: [event] }),
    });
  } catch (error) {
    console.warn('[crm-guard] could not tell the previous server about the change', error);
  }
}
