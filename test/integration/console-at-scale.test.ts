import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pseudonymId } from '../../server/people/pseudonyms';
import { levelFor } from '../../shared/risk';
import { ADMIN, testApp, type TestApp } from './harness';
import { createUser, signIn, type ConsoleSession } from './console-session';

const NOW = new Date('2026-11-02T10:00:00Z');
const person = (i: number) => `person${String(i).padStart(3, '0')}@acme.example`;
const iso = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();

/** Issue 18: pages that show a page of rows and the count of all, read by the database, as security sees them. */
describe('console pages at scale', { timeout: 30_000 }, () => {
  let t: TestApp, security: ConsoleSession;
  beforeEach(async () => {
    t = await testApp(NOW);
    await t.store.saveRisks(Array.from({ length: 130 }, (_, i) => ({
      employee: person(i), score: i % 100, level: levelFor(i % 100), factors: [], updatedAt: iso(i),
    })));
    for (let i = 0; i < 130; i++) {
      const id = randomUUID();
      // One browser in ten silent for a week, the last one removed.
      await t.store.createDevice({ id, employee: person(i), name: 'laptop', extensionVersion: i < 100 ? '1.4.0' : '1.3.2', enrolledAt: iso(100_000), lastSeenAt: iso(i % 10 === 0 ? 7 * 1440 : 5) }, `hash-${i}`, null);
      if (i === 129) await t.store.recordUninstall(id, iso(1));
      await t.store.upsertOpenAlert({ employee: person(i), pattern: 'departure_risk', score: i % 100, severity: levelFor(i % 100), title: `alert ${i}`, eventIds: [], triggerIds: [`t${i}`], details: {} }, iso(i));
    }
    await createUser(t, ADMIN, 'sam', 'security');
    security = await signIn(t, { username: 'sam', password: 'sam-password-123' });
  });
  afterEach(async () => { await t.close(); });

  it('pages the alert queue by 100 with the total, the filters kept from page to page', async () => {
    const first = await (await security.request('/alerts?status=open')).text();
    expect(first).toContain('130 alerts');
    expect(first.match(/name="ids"/g)).toHaveLength(100);
    expect(first).toContain('href="/alerts?status=open&amp;page=2"');
    const second = await (await security.request('/alerts?status=open&page=2')).text();
    expect(second.match(/name="ids"/g)).toHaveLength(30);
    expect(second).toContain('Page 2 of 2');
    // Both pages together are the queue, once each, most severe first.
    const ids = [...first.matchAll(/name="ids" value="([^"]+)"/g), ...second.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(130);
    expect(first.indexOf('alert 99<')).toBeLessThan(first.indexOf('alert 80<'));
    // A page past the end or a hostile page number is an empty page or the first, never an error.
    expect((await security.request('/alerts?page=99')).status).toBe(200);
    expect(await (await security.request('/alerts?page=-3%27')).text()).toContain('Page 1 of 2');
  });

  it('counts every browser and shows the gaps first, a page at a time', async () => {
    const page = await (await security.request('/devices')).text();
    expect(page).toContain('130 browsers');
    expect(page).toMatch(/Silent<\/span><b>13<\/b>/);
    expect(page).toMatch(/Removed<\/span><b>1<\/b>/);
    expect(page).toMatch(/Reporting<\/span><b>116<\/b>/);
    expect(page).toContain('1.4.0: 100 · 1.3.2: 30');
    // The removed browser first, then the silent ones.
    const statuses = [...page.matchAll(/status status-(\w+)/g)].map((m) => m[1]);
    expect(statuses.slice(0, 14)).toEqual(['uninstalled', ...Array(13).fill('silent')]);
    expect(statuses).toHaveLength(100);
    const second = await (await security.request('/devices?page=2')).text();
    expect([...second.matchAll(/status status-(\w+)/g)]).toHaveLength(30);
    expect(await (await security.request('/devices?status=silent')).text()).toContain('13 browsers');
  });

  it('finds a person behind a pseudonym, including one scored after the first lookup, and nobody for an unknown one', async () => {
    const key = await t.app.services.pseudonymKey();
    expect((await security.request(`/employees/${pseudonymId(key, person(3))}`)).status).toBe(200);
    await t.store.saveRisks([{ employee: 'newcomer@acme.example', score: 40, level: 'medium', factors: [], updatedAt: iso(0) }]);
    expect((await security.request(`/employees/${pseudonymId(key, 'newcomer@acme.example')}`)).status).toBe(200);
    expect((await security.request(`/employees/${pseudonymId(key, 'nobody@acme.example')}`)).status).toBe(303);
    // The employee list: each level's count over everyone, its highest scores shown.
    const list = await (await security.request('/employees')).text();
    expect(list).toContain('60 people');
    expect(list).not.toContain('@acme.example');
  });
});
