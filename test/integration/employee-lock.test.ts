import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../server/policy';
import { rescoreEmployee } from '../../server/rescore';
import { openPostgresStore } from '../../server/store/postgres';
import type { Store } from '../../server/store/store';
import { isDatabaseUnavailable } from '../../server/store/unavailable';
import { make, testApp } from './harness';
import { freshSchemaUrl, postgresSkipNotice, postgresUnavailable } from './test-stores';

const unavailable = await postgresUnavailable(undefined, 10_000);
if (unavailable) console.warn(postgresSkipNotice('employee-lock.test.ts', unavailable));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(unavailable !== undefined)('the employee lock across PostgreSQL connections', () => {
  const schema = freshSchemaUrl();
  let stores: Store[] = [];
  beforeAll(async () => { stores = [await openPostgresStore(schema.url), await openPostgresStore(schema.url)]; });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await schema.drop();
  });

  /** Two stores (two pools, as two server processes have) each holding the locks of `employees[i]` for 300 ms. */
  async function holdTogether(employees: [string | string[], string | string[]]) {
    const spans: [number, number][] = [];
    await Promise.all(stores.map((store, i) => store.withEmployeeLocks([employees[i]!].flat(), async () => {
      const start = performance.now();
      await sleep(300);
      spans.push([start, performance.now()]);
    })));
    const [a, b] = spans.sort((x, y) => x[0] - y[0]) as [[number, number], [number, number]];
    return b[0] >= a[1];
  }

  it('lets one process at a time work on an employee, and others on other employees meanwhile', async () => {
    expect(await holdTogether(['ann@acme.test', 'ann@acme.test'])).toBe(true);
    expect(await holdTogether(['ann@acme.test', 'bob@acme.test'])).toBe(false);
  });

  it('takes several employees’ locks in one order, so overlapping sets wait for each other and never deadlock', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `rep${i}@acme.test`);
    expect(await holdTogether([many, [...many].reverse()])).toBe(true);
    expect(await holdTogether([['ann@acme.test', 'bob@acme.test'], ['bob@acme.test', 'cyd@acme.test']])).toBe(true);
    expect(await holdTogether([['ann@acme.test', 'bob@acme.test'], ['cyd@acme.test', 'dan@acme.test']])).toBe(false);
  });

  it('gives up on a lock held past the timeout with an error served as 503, and takes it once it is free', async () => {
    const impatient = await openPostgresStore(schema.url, { employeeLockTimeoutMs: 300 });
    try {
      let release!: () => void;
      let held!: () => void;
      const holding = new Promise<void>((resolve) => { held = resolve; });
      const holder = stores[0]!.withEmployeeLocks(['eve@acme.test'], async () => {
        held();
        await new Promise<void>((resolve) => { release = resolve; });
      });
      await holding;
      const started = performance.now();
      const error = await impatient.withEmployeeLocks(['bob@acme.test', 'eve@acme.test'], async () => 'ran').catch((e: unknown) => e);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(error).toMatchObject({ code: '55P03' });
      expect(isDatabaseUnavailable(error)).toBe(true);
      // Its own transaction ended: bob's lock was let go with it.
      expect(await holdTogether(['bob@acme.test', 'cyd@acme.test'])).toBe(false);
      release();
      await holder;
      expect(await impatient.withEmployeeLocks(['eve@acme.test'], async () => 'ran')).toBe('ran');
    } finally {
      await impatient.close();
    }
  });
});

describe('a rescore that takes the lock after a newer score was stored', () => {
  it('scores at the stored moment, so its fuller reading is kept rather than dropped', async () => {
    const t = await testApp(new Date('2026-11-02T10:00:00Z'));
    try {
      const token = await t.enroll('ann@acme.test');
      await t.request('/v1/events', { token, json: { events: [make.export('ann@acme.test', '2026-11-02T09:00:00Z', { rows: 5000 })] } });
      const stored = (await t.store.risk('ann@acme.test'))!;
      // As if this process's request began a second before the one that stored that score.
      const late = await rescoreEmployee(t.store, 'ann@acme.test', new Date(Date.parse(stored.updatedAt) - 1000), DEFAULT_SCORING);
      expect(late.updatedAt).toBe(stored.updatedAt);
      expect(await t.store.risk('ann@acme.test')).toEqual(late);
    } finally {
      await t.close();
    }
  });
});
