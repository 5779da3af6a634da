/** Upper bounds (seconds) of the rescore duration histogram: one employee takes milliseconds, everyone seconds. */
const RESCORE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export type DeliveryOutcome = 'sent' | 'failed' | 'dead';

/** Process-local counters in Prometheus text format; each server process reports its own. */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly deliveries = new Map<string, number>();
  private readonly rescores = new Map<string, { buckets: number[]; sum: number; count: number }>();
  eventsAccepted = 0;
  eventsDuplicate = 0;
  /** Batches refused by `POST /v1/events` (invalid, too large, wrong employee, bad token). */
  batchesRejected = 0;

  countRequest(method: string, status: number) {
    const key = `method="${method}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  countDelivery(integration: string, outcome: DeliveryOutcome) {
    const key = `integration="${integration}",outcome="${outcome}"`;
    this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
  }

  /** `scope`: `employee` (on ingest) or `all` (the scheduled full rescore). */
  observeRescore(scope: 'employee' | 'all', seconds: number) {
    const h = this.rescores.get(scope) ?? { buckets: RESCORE_BUCKETS.map(() => 0), sum: 0, count: 0 };
    RESCORE_BUCKETS.forEach((bound, i) => { if (seconds <= bound) h.buckets[i]!++; });
    h.sum += seconds;
    h.count++;
    this.rescores.set(scope, h);
  }

  /** `counters`: totals kept elsewhere (the store's), rendered as counters beside this process's own. */
  render(gauges: Record<string, number>, counters: Record<string, number> = {}): string {
    const lines = ['# TYPE crmguard_http_requests_total counter'];
    for (const [labels, n] of this.requests) lines.push(`crmguard_http_requests_total{${labels}} ${n}`);
    lines.push('# TYPE crmguard_events_accepted_total counter', `crmguard_events_accepted_total ${this.eventsAccepted}`);
    lines.push('# TYPE crmguard_events_duplicate_total counter', `crmguard_events_duplicate_total ${this.eventsDuplicate}`);
    lines.push('# TYPE crmguard_event_batches_rejected_total counter', `crmguard_event_batches_rejected_total ${this.batchesRejected}`);
    lines.push('# TYPE crmguard_deliveries_total counter');
    for (const [labels, n] of this.deliveries) lines.push(`crmguard_deliveries_total{${labels}} ${n}`);
    lines.push('# TYPE crmguard_rescore_duration_seconds histogram');
    for (const [scope, h] of this.rescores) {
      RESCORE_BUCKETS.forEach((bound, i) => lines.push(`crmguard_rescore_duration_seconds_bucket{scope="${scope}",le="${bound}"} ${h.buckets[i]}`));
      lines.push(`crmguard_rescore_duration_seconds_bucket{scope="${scope}",le="+Inf"} ${h.count}`);
      lines.push(`crmguard_rescore_duration_seconds_sum{scope="${scope}"} ${h.sum}`, `crmguard_rescore_duration_seconds_count{scope="${scope}"} ${h.count}`);
    }
    for (const [name, value] of Object.entries(counters)) lines.push(`# TYPE ${name} counter`, `${name} ${value}`);
    for (const [name, value] of Object.entries(gauges)) lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    return `${lines.join('\n')}\n`;
  }
}

/** Runs `work` and records how long it took in seconds. */
export async function timed<T>(record: (seconds: number) => void, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    record((performance.now() - start) / 1000);
  }
}
