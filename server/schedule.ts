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

/** Runs the full rescore now and then every `RESCORE_EVERY_MS`; returns the stop function. */
export function scheduleRescoring(services: Services): () => void {
  let running = false;
  // A run that outlasts the interval is not overlapped by the next one.
  const run = () => {
    if (running) return;
    running = true;
    void rescoreEveryone(services).catch((error) => console.error('scheduled rescoring failed', error)).finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, RESCORE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
