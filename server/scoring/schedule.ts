import type { Services } from '../env';
import { timed } from '../metrics';
import { loadPolicy, scoringSettings } from '../policy/policy';
import type { PurgeCounts } from '../store/retention';
import { rescoreAll, rescoreStale } from './rescore';
import { forgetExpiredSalt } from '../policy/rotate-fingerprint-salt';

/** Scores are rescored on ingest; this keeps them decaying when an employee goes quiet. */
export const RESCORE_EVERY_MS = 15 * 60_000;

export async function refreshStaleScores(services: Services, maxAgeMs = RESCORE_EVERY_MS): Promise<number> {
  return rescoreStale(services.store, services.now(), await scoringSettings(services.store, services.secrets.fingerprintSalt), maxAgeMs);
}

/** Everyone, with fresh peer baselines: what the schedule runs. */
export async function rescoreEveryone(services: Services): Promise<number> {
  const settings = await scoringSettings(services.store, services.secrets.fingerprintSalt);
  const risks = await timed((s) => services.metrics.observeRescore('all', s), () => rescoreAll(services.store, services.now(), settings));
  return risks.length;
}

/** The retention purge runs this often (and once at start). */
export const PURGE_EVERY_MS = 6 * 3_600_000;

/** Deletes events and derived rows older than the policy's `retentionDays`, and a rotated-out salt whose window has closed. */
export async function purgeExpired(services: Services): Promise<PurgeCounts> {
  await forgetExpiredSalt(services);
  const { retentionDays } = await loadPolicy(services.store, services.secrets.fingerprintSalt);
  const cutoff = new Date(services.now().getTime() - retentionDays * 86_400_000).toISOString();
  return services.store.purgeBefore(cutoff);
}

const LAST_FULL_RUN = 'rescore_all_last_run';

/**
 * The scheduled run, once per interval for the whole deployment: several servers on one PostgreSQL take
 * turns through a lock, and whoever finds a run newer than `intervalMs` (less a minute of slack) skips it.
 * Returns how many employees were rescored, or undefined when this process did not run it.
 */
export async function scheduledRescore(services: Services, intervalMs = RESCORE_EVERY_MS): Promise<number | undefined> {
  let rescored: number | undefined;
  await services.store.runExclusively('rescore-all', async () => {
    const last = Date.parse((await services.store.getSetting(LAST_FULL_RUN)) ?? '');
    const started = services.now();
    if (started.getTime() - last < intervalMs - 60_000) return;
    rescored = await rescoreEveryone(services);
    await services.store.setSetting(LAST_FULL_RUN, started.toISOString());
  });
  return rescored;
}

/** Runs the full rescore now and then every `RESCORE_EVERY_MS`; returns the stop function. */
export function scheduleRescoring(services: Services): () => void {
  return every(RESCORE_EVERY_MS, 'scheduled rescoring', () => scheduledRescore(services));
}

/** Runs the retention purge now and then every `PURGE_EVERY_MS`; returns the stop function. */
export function schedulePurge(services: Services): () => void {
  return every(PURGE_EVERY_MS, 'retention purge', () => purgeExpired(services));
}

/** Runs `job` now and every `ms`; a run that outlasts the interval is not overlapped by the next one. */
function every(ms: number, what: string, job: () => Promise<unknown>): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void job().catch((error) => console.error(`${what} failed`, error)).finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
}
