import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rescoreEveryone } from '../../server/scoring/schedule';
import { hashToken } from '../../server/auth/secrets';
import { ADMIN, make, testApp, type TestApp } from './harness';

const WHO = 'ann@acme.example';

describe('GET /metrics and the OpenAPI document', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(); });
  afterEach(async () => { await t.close(); });

  /** The value of one sample line, e.g. `crmguard_events_accepted_total`. */
  const sample = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('counts events accepted, duplicates, rejected batches, rescore durations; only admins read it', async () => {
    const token = await t.enroll(WHO);
    const events = [make.export(WHO, '2026-11-02T08:00:00Z'), make.copy(WHO, '2026-11-02T08:10:00Z')];
    expect((await t.request('/v1/events', { token, json: { events } })).status).toBe(200);
    expect((await t.request('/v1/events', { token, json: { events: [events[0], make.copy(WHO, '2026-11-02T08:20:00Z')] } })).status).toBe(200);
    expect((await t.request('/v1/events', { token, json: { events: [{ ...events[0], occurredAt: 'yesterday' }] } })).status).toBe(400);
    expect((await t.request('/v1/events', { token: 'dev_unknown', json: { events } })).status).toBe(401);
    await t.settle(); // the second batch came within the coalescing interval: its rescore was deferred
    await rescoreEveryone(t.app.services);

    await t.store.addApiToken(hashToken('tok_security'), 'security', 'security');
    expect((await t.request('/metrics')).status).toBe(401);
    expect((await t.request('/metrics', { token: 'tok_security' })).status).toBe(403);
    const response = await t.request('/metrics', { token: ADMIN });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'crmguard_events_accepted_total')).toBe(3);
    expect(sample(text, 'crmguard_events_duplicate_total')).toBe(1);
    expect(sample(text, 'crmguard_event_batches_rejected_total')).toBe(2);
    expect(sample(text, 'crmguard_events_stored')).toBe(3);
    // One after the other, so one transaction each; the refused batches never reached the store.
    expect(sample(text, 'crmguard_event_batches_written_total')).toBe(2);
    expect(sample(text, 'crmguard_event_transactions_total')).toBe(2);
    expect(sample(text, 'crmguard_rescore_duration_seconds_count{scope="employee"}')).toBe(2);
    expect(sample(text, 'crmguard_rescore_duration_seconds_count{scope="all"}')).toBe(1);
    expect(sample(text, 'crmguard_rescore_duration_seconds_bucket{scope="employee",le="+Inf"}')).toBe(2);
    expect(sample(text, 'crmguard_rescore_duration_seconds_sum{scope="all"}')).toBeGreaterThan(0);
    expect(sample(text, 'crmguard_deliveries_pending')).toBe(0);
    // Every sample line is `name{labels} number`, the exposition format Prometheus parses.
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/);
  });

  it('writes batches that arrive together in a shared transaction (group commit), and counts both', async () => {
    const tokens = await Promise.all(Array.from({ length: 8 }, (_, i) => t.enroll(`rep${i}@acme.example`)));
    const answers = await Promise.all(tokens.map((token, i) => t.request('/v1/events', { token, json: { events: [make.export(`rep${i}@acme.example`, '2026-11-02T08:00:00Z')] } })));
    expect(answers.map((r) => r.status)).toEqual(tokens.map(() => 200));
    const text = await (await t.request('/metrics', { token: ADMIN })).text();
    expect(sample(text, 'crmguard_event_batches_written_total')).toBe(8);
    const transactions = sample(text, 'crmguard_event_transactions_total')!;
    // SQLite's driver is synchronous: without waiting out the event loop's turn, the first batch was
    // written alone before the others were read. PostgreSQL's token lookups answer when they answer.
    if (t.store.dialect === 'sqlite') expect(transactions).toBe(1);
    else expect(transactions).toBeGreaterThanOrEqual(1);
    expect(transactions).toBeLessThanOrEqual(8);
    expect(sample(text, 'crmguard_events_stored')).toBe(8);
  });

  it('documents the integration and dead-letter routes with their schemas', async () => {
    const doc = (await (await t.request('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/integrations', '/v1/dead-letters', '/v1/dead-letters/retry']));
    const put = doc.paths['/v1/integrations']!.put!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(put.properties)).toEqual(expect.arrayContaining(['webhook', 'splunk', 'ocsf', 'syslog', 'maxAttempts']));
    const policy = doc.paths['/v1/policy']!.put!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(policy.properties)).toContain('retentionDays');
  });
});
