import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../server/policy/policy';
import { rescoreEmployee } from '../../server/scoring/rescore';
import { openPostgresStore } from '../../server/store/postgres';
import type { Store } from '../../server/store/store';
import { isDatabaseUnavailable } from '../../server/store/unavailable';
import { make, testApp } from './harness';
import { freshSchemaUrl, postgresSkipNotice, postgresUnavailable } from './test-stores';

const unavailable = await postgresUnavailable(undefined, 10_000);
if (unavailable) console.warn(postgresSkipNotice('employee-lock.test.ts', unavailable));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long a holder waits for the other to come in: what one that had to wait costs the test. */
const WAIT_MS = 1000;

describe.skipIf(unavailable !== undefined)('the employee lock across PostgreSQL connections', () => {
  const schema = freshSchemaUrl();
  let stores: Store[] = [];
  beforeAll(async () => { stores = [await openPostgresStore(schema.url), await openPostgresStore(schema.url)]; });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await schema.drop();
  });

  /**
   * Two stores (two pools, as two server processes have) each taking the locks of `employees[i]`: true when
   * one had to wait for the other. Inside its locks each waits for the other to come in too, up to
   * `WAIT_MS`, so locks that let both in are seen to, however slow the machine (no race on a fixed sleep).
   */
  async function holdTogether(employees: [string | string[], string | string[]], pair: Store[] = stores) {
    let inside = 0;
    let overlapped = false;
    let bothInside!: () => void;
    const together = new Promise<void>((resolve) => { bothInside = resolve; });
    await Promise.all(pair.map((store, i) => store.withEmployeeLocks([employees[i]!].flat(), async () => {
      if (++inside === 2) {
        overlapped = true;
        bothInside();
      }
      await Promise.race([together, sleep(WAIT_MS)]);
      inside--;
    })));
    return !overlapped;
  }

  it('lets one process at a time work on an employee, and others on other employees meanwhile', async () => {
    expect(await holdTogether(['ann@acme.test', 'ann@acme.test'])).toBe(true);
    expect(await holdTogether(['ann@acme.test', 'bob@acme.test'])).toBe(false);
  }, 20_000);

  it('keeps deployments in other schemas of the database apart: their locks and scheduled runs', async () => {
    const other = freshSchemaUrl();
    const elsewhere = await openPostgresStore(other.url);
    try {
      // Advisory locks belong to the database: the same employee in another deployment must not wait.
      expect(await holdTogether(['ann@acme.test', 'ann@acme.test'], [stores[0]!, elsewhere])).toBe(false);
      let release: (() => void) | undefined;
      let running!: () => void;
      const started = new Promise<void>((resolve) => { running = resolve; });
      const first = stores[0]!.runExclusively('rescore-all', async () => {
        running();
        await new Promise<void>((resolve) => { release = resolve; });
      });
      try {
        await started;
        expect(await stores[1]!.runExclusively('rescore-all', async () => {})).toBe(false);
        expect(await elsewhere.runExclusively('rescore-all', async () => {})).toBe(true);
      } finally {
        // Also when an expectation failed: the held run must end, or its connection keeps the pool open.
        release?.();
      }
      expect(await first).toBe(true);
    } finally {
      await elsewhere.close();
      await other.drop();
    }
  }, 20_000);

  it('takes several employees’ locks in one order, so overlapping sets wait for each other and never deadlock', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `rep${i}@acme.test`);
    expect(await holdTogether([many, [...many].reverse()])).toBe(true);
    expect(await holdTogether([['ann@acme.test', 'bob@acme.test'], ['bob@acme.test', 'cyd@acme.test']])).toBe(true);
    expect(await holdTogether([['ann@acme.test', 'bob@acme.test'], ['cyd@acme.test', 'dan@acme.test']])).toBe(false);
  }, 20_000);

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
