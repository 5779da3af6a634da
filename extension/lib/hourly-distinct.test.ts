import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { noteDistinctThisHour } from './hourly-distinct';

const T = Date.UTC(2026, 10, 25, 9, 0, 0);

describe('noteDistinctThisHour', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reports a key once per clock hour and counts the distinct keys', async () => {
    expect(await noteDistinctThisHour('views', 'a', T + 1000)).toEqual({ first: true, distinct: 1 });
    expect(await noteDistinctThisHour('views', 'b', T + 2000)).toEqual({ first: true, distinct: 2 });
    expect(await noteDistinctThisHour('views', 'a', T + 3000)).toEqual({ first: false, distinct: 2 });
    expect(await noteDistinctThisHour('prints', 'a', T + 4000)).toEqual({ first: true, distinct: 1 });
    expect(await noteDistinctThisHour('views', 'a', T + 60 * 60 * 1000)).toEqual({ first: true, distinct: 1 });
  });

  it('counts navigations that arrive together once each', async () => {
    const results = await Promise.all(['x', 'x', 'y', 'x', 'z'].map((k) => noteDistinctThisHour('views', k, T)));
    expect(results.filter((r) => r.first)).toHaveLength(3);
    expect(Math.max(...results.map((r) => r.distinct))).toBe(3);
  });
});
