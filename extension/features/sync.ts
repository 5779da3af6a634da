import { browser } from 'wxt/browser';
import { LOCAL_CONFIG_KEY } from '../lib/config';
import { eventQueue } from '../lib/queue';
import { cachePolicy, cachedPolicy } from '../lib/policy';
import { ensureEnrolled, fetchPolicy, flushQueue } from '../lib/transport';
import { registerContentScripts } from './content-scripts';
import { sendHeartbeat, setUninstallUrl } from './coverage';
import { reportEnrollmentChange } from './enrollment-changes';

const FLUSH_ALARM = 'flush';
const POLICY_ALARM = 'policy';
const HEARTBEAT_ALARM = 'heartbeat';

/**
 * Keeps the agent in step with the server: enrolls, refreshes the policy (re-registering content scripts
 * when it changes), sends the queue and a heartbeat. Alarms wake the service worker for each, so nothing
 * depends on it staying alive.
 */
export function initSync(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FLUSH_ALARM) void flushQueue(eventQueue());
    if (alarm.name === POLICY_ALARM) void syncPolicy();
    if (alarm.name === HEARTBEAT_ALARM) void heartbeat();
  });
  // Install, browser start and new settings are reasons to try the server now; a mere wake-up is not,
  // so a down server is retried on the backoff schedule rather than every time the worker wakes.
  // Both also send a heartbeat at once, so the server learns the new version and incognito access.
  browser.runtime.onInstalled.addListener(() => void start({ force: true }).then(heartbeat));
  browser.runtime.onStartup.addListener(() => void start({ force: true }).then(heartbeat));
  // A new server or identity from the options page or a policy push takes effect at once.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && LOCAL_CONFIG_KEY in changes)) void start({ force: true });
  });
  // The worker also starts for other events (a message, an alarm); make sure alarms and scripts exist then too.
  void start({ force: false });
}

let starting: Promise<void> | undefined;
let forceAgain = false;

/**
 * onInstalled, onStartup and the worker's own start can fire together; they share one run. A forced
 * start that arrives during an unforced one (the worker's own start usually wins the race at browser
 * start) runs once more, forced, so the queue left from the last session is not held to the backoff.
 */
function start({ force }: { force: boolean }): Promise<void> {
  if (starting) {
    forceAgain ||= force;
    return starting;
  }
  return (starting = (async () => {
    let forced = force;
    do {
      forceAgain = false;
      await runStart(forced);
      forced = true;
    } while (forceAgain);
  })().finally(() => (starting = undefined)));
}

async function runStart(force: boolean) {
  await Promise.all([
    ensureAlarm(FLUSH_ALARM, 0.5),
    ensureAlarm(POLICY_ALARM, 15),
    ensureAlarm(HEARTBEAT_ALARM, 60),
  ]);
  await registerContentScripts(await cachedPolicy()).catch((error) => console.error('[crm-guard] register content scripts', error));
  if (force || (await cachedPolicy()).version === 'built-in') await syncPolicy();
  await flushQueue(eventQueue(), { force });
}

async function ensureAlarm(name: string, periodInMinutes: number) {
  if (!(await browser.alarms.get(name))) await browser.alarms.create(name, { periodInMinutes, delayInMinutes: periodInMinutes });
}

function heartbeat(): Promise<void> {
  return sendHeartbeat().catch((error) => console.error('[crm-guard] heartbeat', error));
}

export async function syncPolicy(): Promise<void> {
  try {
    const enrollment = await ensureEnrolled();
    if (!enrollment) return;
    await reportEnrollmentChange(enrollment);
    await setUninstallUrl(enrollment);
    const policy = await fetchPolicy(enrollment);
    await cachePolicy(policy);
    await registerContentScripts(policy);
  } catch (error) {
    console.warn('[crm-guard] policy sync failed; keeping the cached policy', error);
  }
}
