import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduledRescore } from '../../server/scoring/schedule';
import { make, testApp, type TestApp } from './harness';

const NOW = new Date('2026-11-02T10:00:00Z');

describe('the scheduled full rescore', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(NOW); });
  afterEach(async () => { await t.close(); });

  it('runs once per interval for the whole deployment, never twice at once', async () => {
    const token = await t.enroll('ann@acme.test');
    await t.request('/v1/events', { token, json: { events: [make.export('ann@acme.test', '2026-11-02T09:00:00Z')] } });
    if (t.store.dialect === 'postgres') {
      // Two at once, each on its own pooled connection as two server processes would be: one runs, one skips.
      const both = await Promise.all([scheduledRescore(t.app.services), scheduledRescore(t.app.services)]);
      expect(both.filter((n) => n !== undefined)).toEqual([1]);
    } else {
      expect(await scheduledRescore(t.app.services)).toBe(1);
    }
    // Another server's timer a few minutes later finds the run recent and leaves it.
    t.setNow(new Date(NOW.getTime() + 5 * 60_000));
    expect(await scheduledRescore(t.app.services)).toBeUndefined();
    t.setNow(new Date(NOW.getTime() + 15 * 60_000));
    expect(await scheduledRescore(t.app.services)).toBe(1);
  });
});
