import { afterEach, describe, it, expect, vi } from 'vitest';
import { EventQueue, type PendingEvent } from './queue';

/** Ids that sort in the reverse of their creation order, so id order cannot pass for queue order. */
const idFor = (n: number) => `00000000-0000-4000-8000-${String(999_999_999_999 - n).padStart(12, '0')}`;

function copyEvent(n: number): PendingEvent {
  return {
    id: idFor(n),
    type: 'crm.copy',
    occurredAt: new Date(Date.UTC(2024, 0, 15, 10, 30, n)).toISOString(),
    origin: 'https://acme.lightning.force.com',
    crm: 'salesforce',
    action: 'copy',
    emailCount: n,
    phoneCount: 0,
    rowCount: n,
    charCount: 100 * n,
    fingerprints: [],
    fingerprintLevel: 0,
  };
}

/** A queue with its own database, and a clock that advances 1 ms per enqueue. */
function newQueue(name = `test-${crypto.randomUUID()}`): EventQueue {
  let now = Date.UTC(2024, 0, 15);
  vi.spyOn(Date, 'now').mockImplementation(() => ++now);
  return new EventQueue(name);
}

const ids = (batch: { id: string }[]) => batch.map((q) => q.id);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('EventQueue', () => {
  it('gives the oldest events first', async () => {
    const queue = newQueue();
    for (let n = 1; n <= 5; n++) await queue.enqueue(copyEvent(n));
    const batch = await queue.nextBatch(10);
    expect(ids(batch)).toEqual([1, 2, 3, 4, 5].map(idFor));
    expect(batch[2]!.event).toEqual(copyEvent(3));
    expect(batch[0]!.queuedAt).toBeLessThan(batch[1]!.queuedAt);
    queue.close();
  });

  it('respects the batch limit', async () => {
    const queue = newQueue();
    for (let n = 1; n <= 5; n++) await queue.enqueue(copyEvent(n));
    expect(ids(await queue.nextBatch(2))).toEqual([idFor(1), idFor(2)]);
    expect(await queue.nextBatch(0)).toEqual([]);
    expect(await queue.depth()).toBe(5);
    queue.close();
  });

  it('does not remove events when it hands out a batch', async () => {
    const queue = newQueue();
    await queue.enqueue(copyEvent(1));
    expect(ids(await queue.nextBatch(10))).toEqual([idFor(1)]);
    expect(ids(await queue.nextBatch(10))).toEqual([idFor(1)]);
    queue.close();
  });

  it('is empty at first', async () => {
    const queue = newQueue();
    expect(await queue.nextBatch(10)).toEqual([]);
    expect(await queue.depth()).toBe(0);
    queue.close();
  });

  it('acknowledge deletes only the given ids', async () => {
    const queue = newQueue();
    for (let n = 1; n <= 4; n++) await queue.enqueue(copyEvent(n));
    await queue.acknowledge([idFor(1), idFor(3)]);
    expect(ids(await queue.nextBatch(10))).toEqual([idFor(2), idFor(4)]);
    expect(await queue.depth()).toBe(2);
    expect(await queue.events.get(idFor(1))).toBeUndefined();
    queue.close();
  });

  it('acknowledging unknown or no ids changes nothing', async () => {
    const queue = newQueue();
    await queue.enqueue(copyEvent(1));
    await queue.acknowledge([]);
    await queue.acknowledge([idFor(99)]);
    expect(await queue.depth()).toBe(1);
    queue.close();
  });

  it('reject keeps the event with its reason, out of batches and depth', async () => {
    const queue = newQueue();
    for (let n = 1; n <= 3; n++) await queue.enqueue(copyEvent(n));
    await queue.reject([idFor(2)], '400: invalid event');
    expect(ids(await queue.nextBatch(10))).toEqual([idFor(1), idFor(3)]);
    expect(await queue.depth()).toBe(2);
    const kept = await queue.events.get(idFor(2));
    expect(kept).toMatchObject({ id: idFor(2), event: copyEvent(2), rejected: '400: invalid event' });
    expect(await queue.events.count()).toBe(3);
    queue.close();
  });

  it('fills a batch past rejected events', async () => {
    const queue = newQueue();
    for (let n = 1; n <= 5; n++) await queue.enqueue(copyEvent(n));
    await queue.reject([idFor(1), idFor(2)], '413: too large');
    expect(ids(await queue.nextBatch(2))).toEqual([idFor(3), idFor(4)]);
    queue.close();
  });

  it('does not duplicate an event enqueued twice', async () => {
    const queue = newQueue();
    await queue.enqueue(copyEvent(1));
    await queue.enqueue(copyEvent(2));
    await queue.enqueue(copyEvent(1));
    expect(await queue.depth()).toBe(2);
    expect(await queue.events.count()).toBe(2);
    expect((await queue.nextBatch(10)).filter((q) => q.id === idFor(1))).toHaveLength(1);
    queue.close();
  });

  it('keeps events across closing and reopening the database', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const first = newQueue(name);
    for (let n = 1; n <= 3; n++) await first.enqueue(copyEvent(n));
    await first.reject([idFor(3)], '400: invalid event');
    first.close();

    const reopened = new EventQueue(name);
    expect(ids(await reopened.nextBatch(10))).toEqual([idFor(1), idFor(2)]);
    expect(await reopened.depth()).toBe(2);
    expect((await reopened.events.get(idFor(3)))?.rejected).toBe('400: invalid event');
    reopened.close();
  });

  it('keeps databases of different names apart', async () => {
    const a = newQueue();
    const b = new EventQueue(`test-${crypto.randomUUID()}`);
    await a.enqueue(copyEvent(1));
    expect(await b.depth()).toBe(0);
    a.close();
    b.close();
  });
});
