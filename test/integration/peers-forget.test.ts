import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './harness';
import { forgetPeers, peersOf } from '../../server/scoring/rescore';
import { RISK_MODEL } from '../../server/risk/model';
import type { Store } from '../../server/store/store';

let t: TestApp | undefined;
afterEach(async () => { await t?.close(); t = undefined; });

describe('forgetting the cached peers', () => {
  it('a directory change made while peers are loading is seen by the next score', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    t = await testApp(now);
    const who = 'new.rep@acme.example';
    await t.store.setDirectory([{ employee: who, department: 'Sales' }], now.toISOString());
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    // The store as an ingest's rescore sees it: its directory read lands before HR's PUT, the rest of the (slow) load after.
    const store = new Proxy(t.store, {
      get(target, prop) {
        if (prop === 'directory') return async () => { const d = await target.directory(); await gate; return d; };
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Store;
    const inFlight = peersOf(store, now, RISK_MODEL, who);
    await new Promise((r) => setTimeout(r, 50));
    // What recordHrSignals does for PUT /v1/hr/directory: write, forgetPeers, rescore (peersOf).
    await store.setDirectory([{ employee: who, department: 'Sales', hiredOn: '2026-11-30' }], now.toISOString());
    forgetPeers(store);
    const next = peersOf(store, now, RISK_MODEL, who);
    release();
    await inFlight;
    expect((await next).hiredOn(who)).toBe('2026-11-30');
    expect((await peersOf(store, now, RISK_MODEL, who)).hiredOn(who)).toBe('2026-11-30');
  });
});
