import type { Event } from '../shared/events';
import type { Services } from './env';
import { timed } from './metrics';
import { scoringSettings, type ScoringSettings } from './policy';
import { recordLineage } from './record-lineage';
import { rescoreEmployee } from './rescore';

/** How far behind an employee's score may fall while their device sends batch after batch. */
export const COALESCE_MS = 2000;

/**
 * Incremental scoring on ingest, coalesced per employee. The first batch after a quiet spell is scored
 * before the device's request returns, so an isolated action shows at once. Batches arriving within
 * `coalesceMs` of that rescore share one rescore when the interval ends: a device flushing a backlog of
 * twenty batches costs a couple of rescores instead of twenty, and the score is at most `coalesceMs` behind.
 * Lineage is recorded for every batch before it is acknowledged, so a deferred rescore that fails loses
 * nothing: the next batch or the scheduled full rescore catches up.
 */
export class IngestScoring {
  private readonly lastRun = new Map<string, number>();
  private readonly deferred = new Map<string, NodeJS.Timeout>();
  /** The latest rescore started per employee, until it ends. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly services: Pick<Services, 'store' | 'now' | 'secrets' | 'metrics'>, private readonly coalesceMs = COALESCE_MS) {}

  /** After a batch of `employee`'s events is stored (duplicates included: a resend must still get its lineage). */
  async ingested(employee: string, batch: readonly Event[]): Promise<void> {
    const { store, secrets } = this.services;
    const settings = await scoringSettings(store, secrets.fingerprintSalt);
    await recordLineage(store, batch, settings.model);
    if (this.deferred.has(employee)) return;
    const wait = (this.lastRun.get(employee) ?? -Infinity) + this.coalesceMs - Date.now();
    if (wait <= 0) return this.rescore(employee, settings);
    const timer = setTimeout(() => {
      this.deferred.delete(employee);
      void this.rescore(employee).catch((error: unknown) => console.error(`deferred rescoring of ${employee} failed`, error));
    }, wait);
    this.deferred.set(employee, timer);
  }

  /** Runs the employee's deferred rescore now, or waits for the one in flight: before showing their score. */
  async settleEmployee(employee: string): Promise<void> {
    const timer = this.deferred.get(employee);
    if (timer === undefined) return this.inFlight.get(employee);
    clearTimeout(timer);
    this.deferred.delete(employee);
    return this.rescore(employee);
  }

  /** Every deferred rescore now, and those in flight: for shutdown, and for tests reading scores. */
  async settle(): Promise<void> {
    await Promise.all([...this.deferred.keys(), ...this.inFlight.keys()].map((employee) => this.settleEmployee(employee)));
  }

  /** `settings` when just read; a deferred rescore reads them when it runs (the policy may have changed). */
  private rescore(employee: string, settings?: ScoringSettings): Promise<void> {
    this.lastRun.set(employee, Date.now());
    // Forget employees long quiet, so the map stays the size of who is active.
    if (this.lastRun.size > 10_000) for (const [e, at] of this.lastRun) if (Date.now() - at > this.coalesceMs) this.lastRun.delete(e);
    const { store, now, secrets, metrics } = this.services;
    const run = (settings ? Promise.resolve(settings) : scoringSettings(store, secrets.fingerprintSalt))
      .then(async (current) => {
        await timed((s) => metrics.observeRescore('employee', s), () => rescoreEmployee(store, employee, now(), current));
      });
    this.inFlight.set(employee, run);
    void run.finally(() => { if (this.inFlight.get(employee) === run) this.inFlight.delete(employee); }).catch(() => undefined);
    return run;
  }
}
