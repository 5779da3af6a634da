import type { Services } from './env';
import { loadPolicy } from './policy';
import { rescoreStale } from './rescore';

/** Scores are rescored on ingest; this keeps them decaying when an employee goes quiet. */
export const RESCORE_EVERY_MS = 15 * 60_000;

export async function refreshStaleScores(services: Services, maxAgeMs = RESCORE_EVERY_MS): Promise<number> {
  const policy = await loadPolicy(services.store, services.secrets.fingerprintSalt);
  return rescoreStale(services.store, services.now(), policy.thresholds.sequenceWindowHours, maxAgeMs);
}

/** Runs `refreshStaleScores` now and then every `RESCORE_EVERY_MS`; returns the stop function. */
export function scheduleRescoring(services: Services): () => void {
  const run = () => void refreshStaleScores(services).catch((error) => console.error('scheduled rescoring failed', error));
  run();
  const timer = setInterval(run, RESCORE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
