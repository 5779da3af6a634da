/** Process-local counters in Prometheus text format; each server process reports its own. */
export class Metrics {
  private readonly requests = new Map<string, number>();
  eventsAccepted = 0;
  eventsDuplicate = 0;

  countRequest(method: string, status: number) {
    const key = `method="${method}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  render(gauges: Record<string, number>): string {
    const lines = ['# TYPE crmguard_http_requests_total counter'];
    for (const [labels, n] of this.requests) lines.push(`crmguard_http_requests_total{${labels}} ${n}`);
    lines.push('# TYPE crmguard_events_accepted_total counter', `crmguard_events_accepted_total ${this.eventsAccepted}`);
    lines.push('# TYPE crmguard_events_duplicate_total counter', `crmguard_events_duplicate_total ${this.eventsDuplicate}`);
    for (const [name, value] of Object.entries(gauges)) lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    return `${lines.join('\n')}\n`;
  }
}
