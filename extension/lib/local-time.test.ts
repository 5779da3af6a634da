import { describe, expect, it } from 'vitest';
import { localIsoString } from './local-time';

describe('localIsoString', () => {
  it('keeps the instant and states the local offset', () => {
    const now = new Date('2026-11-02T20:30:00.000Z');
    const local = localIsoString(now);
    expect(Date.parse(local)).toBe(now.getTime());
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
  });
});
