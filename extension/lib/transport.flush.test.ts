import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EventQueue, type PendingEvent } from './queue';
import { flushQueue, invalidIndexes } from './transport';
import { ENROLL, make, testApp, type TestApp } from '../../test/integration/harness';

const EMPLOYEE = 'sender@acme.example';
const AT = '2026-11-02T09:00:00.000Z';

/**
 * The sender against the real server over HTTP: only acknowledged events leave the queue, a refused event
 * is set aside without holding up the others, and nothing is sent as someone else.
 */
describe('flushQueue against the real server', () => {
  let t: TestApp;
  let server: ServerType;
  let queue: EventQueue;
  /** Answers in the server's stead while set: a server that is busy, full or read-only. */
  let busy: ((request: Request) => Response | undefined) | undefined;
  /** Event batches that reached the server (or the busy answer). */
  let batchesSent = 0;

  beforeEach(async () => {
    busy = undefined;
    batchesSent = 0;
    fakeBrowser.reset();
    // WXT's fake browser leaves the manifest to the test.
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'crm-guard', version: '0.1.0' });
    t = await testApp(new Date('2026-11-02T10:00:00Z'));
    const port = await new Promise<number>((resolve) => {
      const fetch = (request: Request) => {
        if (new URL(request.url).pathname === '/v1/events' && request.method === 'POST') batchesSent++;
        return busy?.(request) ?? t.app.fetch(request);
      };
      server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
    await fakeBrowser.storage.local.set({ config: { serverUrl: `http://127.0.0.1:${port}`, enrollmentToken: ENROLL, employeeEmail: EMPLOYEE } });
    queue = new EventQueue(`flush-${crypto.randomUUID()}`);
  });

  afterEach(async () => {
    vi.useRealTimers();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const pending = (event: Record<string, unknown>) => event as unknown as PendingEvent;

  it('enrolls, delivers everything and empties the queue', async () => {
    for (let i = 0; i < 1200; i++) await queue.enqueue(pending(make.copy(EMPLOYEE, AT)));
    expect(await flushQueue(queue, { force: true })).toBe(1200);
    expect(await queue.depth()).toBe(0);
    expect(await t.store.countEvents()).toBe(1200);
  });

  it('sets aside only the event the server refuses', async () => {
    const good = [make.copy(EMPLOYEE, AT), make.upload(EMPLOYEE, AT)];
    const bad = make.copy(EMPLOYEE, '2031-01-01T00:00:00Z');
    await queue.enqueue(pending(good[0]!));
    await queue.enqueue(pending(bad));
    await queue.enqueue(pending(good[1]!));
    expect(await flushQueue(queue, { force: true })).toBe(2);
    expect(await t.store.countEvents()).toBe(2);
    const left = await queue.events.toArray();
    expect(left.map((q) => q.id)).toEqual([bad.id]);
    expect(left[0]!.rejected).toContain('occurredAt');
  });

  it('keeps events recorded for another employee instead of sending them as this one', async () => {
    const mine = make.copy(EMPLOYEE, AT);
    const theirs = make.copy('previous.owner@acme.example', AT);
    await queue.enqueue(pending(theirs));
    await queue.enqueue(pending(mine));
    expect(await flushQueue(queue, { force: true })).toBe(1);
    const { events } = (await (await t.request('/v1/events', { token: 'adm_integration-admin' })).json()) as { events: { id: string }[] };
    expect(events.map((e) => e.id)).toEqual([mine.id]);
    expect((await queue.events.get(theirs.id))!.rejected).toContain('previous.owner@acme.example');
  });

  it('keeps everything and backs off while the server is down', async () => {
    await new Promise((resolve) => server.close(resolve));
    await queue.enqueue(pending(make.copy(EMPLOYEE, AT)));
    expect(await flushQueue(queue, { force: true })).toBe(0);
    expect(await queue.depth()).toBe(1);
    const { backoff } = await fakeBrowser.storage.local.get('backoff');
    expect(backoff).toMatchObject({ attempt: 1, nextAt: expect.any(Number) });
    // Within the backoff window an unforced flush does not even try.
    expect(await flushQueue(queue)).toBe(0);
  });

  it('gives a forced flush its try even when it joins a run held by the backoff', async () => {
    await queue.enqueue(pending(make.copy(EMPLOYEE, AT)));
    await fakeBrowser.storage.local.set({ backoff: { attempt: 12, nextAt: Date.now() + 3_600_000 } });
    const held = flushQueue(queue);
    // Browser start or new settings while the alarm's run is under way: it joins that run.
    const forced = flushQueue(queue, { force: true });
    expect(await forced).toBe(1);
    expect(await held).toBe(1);
    expect(await t.store.countEvents()).toBe(1);
  });

  for (const status of [503, 429]) {
    it(`keeps the queue on ${status} and comes back when Retry-After says, not before`, async () => {
      const answer = { error: { code: 'unavailable', message: 'database is locked' } };
      busy = (request) => (new URL(request.url).pathname === '/v1/events' ? Response.json(answer, { status, headers: { 'retry-after': '120' } }) : undefined);
      for (let i = 0; i < 3; i++) await queue.enqueue(pending(make.copy(EMPLOYEE, AT)));
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      const start = Date.now();
      expect(await flushQueue(queue, { force: true })).toBe(0);
      expect(await queue.depth()).toBe(3);
      const { backoff } = await fakeBrowser.storage.local.get('backoff');
      expect(backoff).toEqual({ attempt: 1, nextAt: start + 120_000 });

      // The server is back, but Retry-After has not passed: nothing is sent, not even a probe.
      busy = undefined;
      vi.setSystemTime(start + 119_000);
      expect(await flushQueue(queue)).toBe(0);
      expect(batchesSent).toBe(1);

      vi.setSystemTime(start + 120_001);
      expect(await flushQueue(queue)).toBe(3);
      expect(await queue.depth()).toBe(0);
      expect(await t.store.countEvents()).toBe(3);
    });
  }
});

describe('invalidIndexes', () => {
  it('reads the event indexes out of a 400 body', () => {
    expect(invalidIndexes(JSON.stringify({ error: { details: { fields: [{ path: 'events.3.occurredAt' }, { path: 'events.3.id' }, { path: 'events.10' }] } } }))).toEqual([3, 10]);
    expect(invalidIndexes('not json')).toEqual([]);
    expect(invalidIndexes(JSON.stringify({ error: { details: { fields: [{ path: 'events' }] } } }))).toEqual([]);
  });
});
