import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { noteRecordOpen } from './record-opens';

const HOUR = 60 * 60 * 1000;

describe('noteRecordOpen', () => {
  beforeEach(() => fakeBrowser.reset());

  it('counts the opens of one record within the period, this one included', async () => {
    const t0 = Date.UTC(2026, 11, 1, 9);
    expect(await noteRecordOpen('salesforce:a', 24, t0)).toBe(1);
    expect(await noteRecordOpen('salesforce:a', 24, t0 + HOUR)).toBe(2);
    expect(await noteRecordOpen('salesforce:b', 24, t0 + HOUR)).toBe(1);
    expect(await noteRecordOpen('salesforce:a', 24, t0 + 2 * HOUR)).toBe(3);
    // A day after the first open, it has left the period.
    expect(await noteRecordOpen('salesforce:a', 24, t0 + 24 * HOUR + 1)).toBe(3);
    expect(await noteRecordOpen('salesforce:a', 1, t0 + 24 * HOUR + 2)).toBe(2);
  });

  it('counts opens made at the same moment one after another, and forgets opens older than a year', async () => {
    const t0 = Date.UTC(2026, 0, 1);
    const counts = await Promise.all([1, 2, 3].map(() => noteRecordOpen('bitrix24:x', 48, t0)));
    expect(counts).toEqual([1, 2, 3]);
    await noteRecordOpen('bitrix24:y', 48, t0 + 400 * 24 * HOUR);
    const { recordOpens } = await fakeBrowser.storage.local.get('recordOpens');
    expect(Object.keys(recordOpens as object)).toEqual(['bitrix24:y']);
  });
});
