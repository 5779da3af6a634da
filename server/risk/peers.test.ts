import { describe, expect, it } from 'vitest';
import { cumulativeP95Excluding, type PeerContext } from './peers';

describe('cumulativeP95Excluding', () => {
  const peers = (values: number[]): PeerContext => ({ group: 'g', members: values.length, baselines: {}, cumulativeP95: 0, cumulativeSorted: [...values].sort((a, b) => a - b) });
  const naive = (values: number[], own: number) => {
    const others = [...values].sort((a, b) => a - b);
    others.splice(others.indexOf(own), 1);
    return others[Math.min(others.length - 1, Math.floor(0.95 * others.length))];
  };

  it('equals the percentile of the others, whoever is left out', () => {
    const values = Array.from({ length: 97 }, (_, i) => (i * 37) % 101);
    for (const own of values) expect(cumulativeP95Excluding(peers(values), own)).toBe(naive(values, own));
  });

  it('has no percentile when the employee is the only member', () => {
    expect(cumulativeP95Excluding(peers([60]), 60)).toBe(0);
  });

  it('leaves out the employee’s own large total', () => {
    expect(cumulativeP95Excluding(peers([0, 0, 0, 0, 5000]), 5000)).toBe(0);
  });
});
