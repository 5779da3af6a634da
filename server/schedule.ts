import type { Services } from './env';
import { scoringSettings } from './policy';
import { rescoreAll, rescoreStale } from './rescore';

/** Scores are rescored on ingest; this keeps them decaying when an employee goes quiet. */
export const RESCORE_EVERY_MS = 15 * 60_000;

export async function refreshStaleScores(services: Services, maxAgeMs = RESCORE_EVERY_MS): Promise<number> {
  return rescoreStale(services.store, services.now(), await scoringSettings(services.store, services.secrets.fingerprintSalt), maxAgeMs);
}

/** Everyone, with fresh peer baselines: what the schedule runs. */
export async function rescoreEveryone(services: Services): Promise<number> {
  return (await rescoreAll(services.store, services.now(), await scoringSettings(services.store, services.secrets.fingerprintSalt))).length;
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
  let running = false;
  // A run that outlasts the interval is not overlapped by the next one.
  const run = () => {
    if (running) return;
    running = true;
    void scheduledRescore(services).catch((error) => console.error('scheduled rescoring failed', error)).finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, RESCORE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
