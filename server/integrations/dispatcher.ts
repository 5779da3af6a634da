import type { Services } from '../env';
import { onQueued } from './announce';
import { loadIntegrations } from './config';
import { deliver, IntegrationGone } from './deliver';

export interface DispatcherOptions {
  /** How often the outbox is polled for deliveries that are due (retries, or queued by another process). */
  pollMs?: number;
  batchSize?: number;
  /** How long a claimed delivery is reserved for this process before another may take it. */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
}

export interface DispatchResult { sent: number; failed: number; dead: number }

/**
 * Sends the outbox's due deliveries. A failure is retried with exponential backoff and jitter (base ·
 * 2^(attempt−1), capped) until `maxAttempts` failures, then it is a dead letter.
 */
export class DeliveryDispatcher {
  private running: Promise<DispatchResult> | undefined;
  private again = false;
  private readonly options: Required<DispatcherOptions>;

  constructor(private readonly services: Pick<Services, 'store' | 'now' | 'metrics'>, options: DispatcherOptions = {}) {
    this.options = { pollMs: 5_000, batchSize: 20, leaseMs: 60_000, backoffBaseMs: 5_000, backoffMaxMs: 3_600_000, random: Math.random, ...options };
  }

  /** Delay before the retry that follows the `attempt`-th failure. */
  backoff(attempt: number): number {
    const ceiling = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + (this.options.random() * ceiling) / 2);
  }

  /** Polls and listens for new deliveries until the returned function is called. */
  start(): () => void {
    const wake = () => void this.runOnce().catch((error) => console.error('alert delivery failed', error));
    const unsubscribe = onQueued(this.services.store, wake);
    const timer = setInterval(wake, this.options.pollMs);
    timer.unref();
    wake();
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }

  /** One pass over what is due; concurrent calls share a pass, and a wake-up during one runs another after it. */
  runOnce(): Promise<DispatchResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<DispatchResult> {
    const total: DispatchResult = { sent: 0, failed: 0, dead: 0 };
    do {
      this.again = false;
      const pass = await this.pass();
      total.sent += pass.sent;
      total.failed += pass.failed;
      total.dead += pass.dead;
      if (pass.sent + pass.failed + pass.dead === this.options.batchSize) this.again = true;
    } while (this.again);
    return total;
  }

  private async pass(): Promise<DispatchResult> {
    const { store, now, metrics } = this.services;
    const result: DispatchResult = { sent: 0, failed: 0, dead: 0 };
    const at = now();
    const entries = await store.outbox.claimDue(at.toISOString(), new Date(at.getTime() + this.options.leaseMs).toISOString(), this.options.batchSize);
    if (entries.length === 0) return result;
    const config = await loadIntegrations(store);
    // One at a time: alerts are few, and a slow receiver should not be flooded with parallel requests.
    for (const entry of entries) {
      try {
        await deliver(entry, config, now());
        await store.outbox.delivered(entry.id);
        metrics.countDelivery(entry.integration, 'sent');
        result.sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const attempts = entry.attempts + 1;
        const dead = error instanceof IntegrationGone || attempts >= config.maxAttempts;
        const retryAt = dead ? null : new Date(now().getTime() + this.backoff(attempts)).toISOString();
        await store.outbox.failed(entry.id, message, retryAt, now().toISOString());
        metrics.countDelivery(entry.integration, dead ? 'dead' : 'failed');
        if (dead) result.dead++;
        else result.failed++;
      }
    }
    return result;
  }
}
