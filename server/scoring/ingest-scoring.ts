import type { Event } from '../../shared/events';
import type { Services } from '../env';
import { timed } from '../metrics';
import { scoringSettings } from '../policy/policy';
import { recordLineage } from './record-lineage';
import { rescoreEmployees } from './rescore';
import { isExfiltration } from '../risk/sequences';

/** How far behind an employee's score may fall while their device sends batch after batch. */
export const COALESCE_MS = 2000;
/** Employees one round rescores together at most: a round's queries stay a sensible size. */
export const ROUND_MAX = 250;
/** When an employee's rescore fails (the database is away), it is tried again this much later, doubling. */
const RETRY_MS = 5000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Incremental scoring on ingest, in rounds. A batch marks its employee due; a round rescores every employee
 * due, together, in a handful of queries (`rescoreEmployees`). When no round is running, the batch's
 * request starts one and waits for it, so an isolated action is scored before its answer. While a round
 * runs, requests only mark their employees and answer; the next round, right after, takes them all: a busy
 * server rescores many employees for the cost of one, and no request waits behind another's rescore.
 * An employee rescored less than `coalesceMs` ago is due only when that interval ends, so a device flushing
 * a backlog of twenty batches costs a couple of rescores, and its score is at most `coalesceMs` behind;
 * a batch with an upload, paste or print is due at once, so the alert it raises does not wait out the interval.
 * Lineage is recorded for every batch before it is acknowledged, so a rescore that fails loses nothing: it
 * is tried again (backing off), and the scheduled full rescore catches up too.
 */
export class IngestScoring {
  /** Employees waiting for a rescore, and when each is due (`performance.now()`: a clock that never steps back). */
  private readonly due = new Map<string, number>();
  private readonly lastRun = new Map<string, number>();
  /** The round running now, and who is in it; it never rejects (its starter sees its own error). */
  private round: Promise<void> | undefined;
  private inRound = new Set<string>();
  /** Employees a reader's `settleEmployee` is rescoring beside the rounds. */
  private readonly settling = new Set<string>();
  /** Failures in a row, per employee, for the retry's backoff. */
  private readonly failures = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly services: Pick<Services, 'store' | 'now' | 'secrets' | 'metrics'>, private readonly coalesceMs = COALESCE_MS) {}

  /**
   * Employees waiting for a rescore or being rescored: for `/metrics`, and for benchmarks and tests that wait
   * until scoring caught up (0 means every stored batch is in a saved score).
   */
  get backlog(): number {
    let busy = this.due.size;
    for (const employee of this.inRound) if (!this.due.has(employee)) busy++;
    for (const employee of this.settling) if (!this.due.has(employee) && !this.inRound.has(employee)) busy++;
    return busy;
  }

  /** After a batch of `employee`'s events is stored (duplicates included: a resend must still get its lineage). */
  async ingested(employee: string, batch: readonly Event[]): Promise<void> {
    // Lineage compares fingerprints; a batch without any (most) needs neither it nor the policy.
    if (batch.some((e) => 'fingerprints' in e && e.fingerprints.length > 0)) {
      const { store, secrets } = this.services;
      await recordLineage(store, batch, (await scoringSettings(store, secrets.fingerprintSalt)).model);
    }
    const now = performance.now();
    // Data leaving (an upload, paste or print) is what an alert is for: scored in the next round, without
    // the coalescing wait. Those are a few events an hour; the bulk a backlog flush brings is CRM activity.
    const leaving = batch.some(isExfiltration);
    const dueAt = leaving ? now : Math.max(now, (this.lastRun.get(employee) ?? -Infinity) + this.coalesceMs);
    this.due.set(employee, Math.min(this.due.get(employee) ?? Infinity, dueAt));
    if (this.round || dueAt > now) return this.schedule();
    return this.startRound(employee);
  }

  /** Runs the employee's pending rescore now, or waits for the round that has it: before showing their score. */
  async settleEmployee(employee: string): Promise<void> {
    while (this.inRound.has(employee)) await this.round;
    if (!this.due.has(employee)) return;
    // On its own, beside any round running for others: a reader does not wait behind a busy server's rounds.
    this.due.delete(employee);
    this.lastRun.set(employee, performance.now());
    this.settling.add(employee);
    try {
      await this.rescore([employee]);
      this.failures.delete(employee);
    } catch (error) {
      this.retryLater(employee);
      throw error;
    } finally {
      this.settling.delete(employee);
    }
  }

  /** Every pending rescore now, and the round running: for shutdown, and for tests reading scores. */
  async settle(): Promise<void> {
    for (const employee of this.due.keys()) this.due.set(employee, 0);
    const until = performance.now();
    while (this.round || [...this.due.values()].some((at) => at <= until)) {
      if (!this.round) this.startRound().catch(() => undefined);
      await this.round;
    }
  }

  /**
   * A round of every employee due now. Resolves when it ends; rejects only if `owner` (the employee whose
   * request started it) could not be scored: another employee's failure is theirs alone.
   */
  private startRound(owner?: string): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const at = performance.now();
    const employees: string[] = [];
    for (const [employee, dueAt] of this.due) {
      if (dueAt > at) continue;
      employees.push(employee);
      if (employees.length === ROUND_MAX) break;
    }
    for (const employee of employees) {
      this.due.delete(employee);
      this.lastRun.set(employee, at);
    }
    this.forgetQuiet(at);
    this.inRound = new Set(employees);
    const run = this.rescoreRound(employees);
    this.round = run.then(() => undefined).finally(() => {
      this.round = undefined;
      this.inRound = new Set();
      this.schedule();
    });
    return run.then((failed) => {
      if (owner !== undefined && failed.has(owner)) throw failed.get(owner);
    });
  }

  /** Rescores the round; if that fails, each employee alone, so one that cannot be scored holds back no one. Never rejects. */
  private async rescoreRound(employees: readonly string[]): Promise<Map<string, unknown>> {
    const failed = new Map<string, unknown>();
    if (employees.length === 0) return failed;
    try {
      await this.rescore(employees);
    } catch (error) {
      if (employees.length === 1) failed.set(employees[0]!, error);
      else for (const employee of employees) await this.rescore([employee]).catch((e: unknown) => failed.set(employee, e));
    }
    for (const employee of employees) if (!failed.has(employee)) this.failures.delete(employee);
    for (const employee of failed.keys()) this.retryLater(employee);
    if (failed.size > 0) console.error(`rescoring ${failed.size} of ${employees.length} employee(s) on ingest failed; they are tried again later`, failed.values().next().value);
    return failed;
  }

  /** Due again after a failure: 5 s, doubling with each failure in a row up to 5 minutes. */
  private retryLater(employee: string): void {
    const failures = (this.failures.get(employee) ?? 0) + 1;
    this.failures.set(employee, failures);
    if (!this.due.has(employee)) this.due.set(employee, performance.now() + Math.min(RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS));
    this.schedule();
  }

  /** The next round now if anyone is due, else a timer for the earliest; a running round calls this when it ends. */
  private schedule(): void {
    if (this.round || this.due.size === 0) return;
    let earliest = Infinity;
    for (const at of this.due.values()) if (at < earliest) earliest = at;
    const wait = earliest - performance.now();
    if (wait <= 0) {
      this.startRound().catch(() => undefined); // logged by the round
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, wait);
    this.timer.unref();
  }

  private async rescore(employees: readonly string[]): Promise<void> {
    const { store, now, secrets, metrics } = this.services;
    const settings = await scoringSettings(store, secrets.fingerprintSalt);
    await timed((s) => metrics.observeRescore('employee', s), () => rescoreEmployees(store, employees, now(), settings));
  }

  /** Forget employees long quiet, so the map stays the size of who is active. */
  private forgetQuiet(at: number): void {
    if (this.lastRun.size <= 10_000) return;
    for (const [employee, last] of this.lastRun) if (at - last > this.coalesceMs && !this.due.has(employee)) this.lastRun.delete(employee);
  }
}
