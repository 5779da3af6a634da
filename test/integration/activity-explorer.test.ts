import { describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import { ADMIN, appWithEmployee, fingerprints, make } from './harness';
import { createUser, signIn } from './console-session';

const LEAVER = 'boris@acme.example';

/** Issue 18: every event of a person or of everyone, outside any alert, filtered, charted, linked to its alerts. */
describe('the activity explorer', { timeout: 30_000 }, () => {
  const app = appWithEmployee(LEAVER, new Date('2026-11-02T10:00:00Z'));

  it('shows a person’s events over days, filtered, each linked to the alerts it feeds, pseudonymised for security', async () => {
    const contacts = fingerprints(30);
    await app.post([make.export(LEAVER, '2026-10-30T09:00:00Z', { rows: 10 })]);
    await app.post([make.export(LEAVER, '2026-11-02T08:00:00Z', { fingerprints: contacts }), make.upload(LEAVER, '2026-11-02T09:00:00Z', { fingerprints: contacts })]);
    const [alert] = (await (await app.t.request('/v1/alerts', { token: ADMIN })).json()) as Alert[];
    await createUser(app.t, ADMIN, 'sam', 'security');
    const security = await signIn(app.t, { username: 'sam', password: 'sam-password-123' });

    const everyone = await (await security.request('/activity')).text();
    expect(everyone).toContain('across the organisation');
    expect(everyone).not.toContain(LEAVER);
    expect(everyone).toContain('3 events');
    // The last 30 days by default, each chart a picture with its numbers in words.
    expect(everyone).toContain('From 2026-10-04 to 2026-11-02 (UTC)');
    expect(everyone).toContain('aria-label="Events per day by type: 3 events from 2026-10-04 to 2026-11-02; crm.export 2, webmail.upload 1."');
    expect(everyone).toMatch(/aria-label="Events per day by CRM: 2 events from 2026-10-04 to 2026-11-02; [a-z]+ 2\."/);
    expect(everyone).toContain('aria-label="Events per day by destination: 1 events from 2026-10-04 to 2026-11-02; gmail 1."');
    // By type: one bar on the 30th, two stacked on the 2nd; by CRM two bars; by destination one.
    expect(everyone.match(/<rect class="bar series-/g)).toHaveLength(3 + 2 + 1);
    expect(everyone).toContain(`href="/alerts/${alert!.id}"`);
    const [, pid] = /href="\/activity\?employee=([0-9A-F-]{14})"/.exec(everyone)!;

    const person = await (await security.request(`/activity?employee=${pid}&type=crm.export`)).text();
    expect(person).toContain(`of Employee ${pid}`);
    expect(person).toContain('2 events');
    expect((person.match(/<td data-label="In alerts"><span class="muted">none<\/span>/g) ?? []).length).toBe(1);
    expect(await (await security.request('/activity?destination=gmail')).text()).toContain('1 event');
    expect(await (await security.request('/activity?from=2026-11-01&crm=hubspot')).text()).toContain('No events match.');
    expect((await security.request('/activity?type=nonsense')).status).toBe(400);
  });

  it('ends where `until` says, draws long windows per week, and says so when the dates make no sense', async () => {
    await app.post([make.export(LEAVER, '2026-10-30T09:00:00Z', { rows: 10 }), make.upload(LEAVER, '2026-11-01T09:00:00Z'), make.upload(LEAVER, '2026-11-02T09:00:00Z')]);
    await createUser(app.t, ADMIN, 'sam', 'security');
    const security = await signIn(app.t, { username: 'sam', password: 'sam-password-123' });
    const upToFirst = await (await security.request('/activity?from=2026-10-30&until=2026-11-01')).text();
    expect(upToFirst).toContain('2 events');
    expect(upToFirst).toContain('From 2026-10-30 to 2026-11-01 (UTC)');
    // The filters stay in the form, so Apply keeps them.
    expect(upToFirst).toContain('name="until" type="date" value="2026-11-01"');
    expect(upToFirst).toContain('aria-label="Events per day by type: 2 events from 2026-10-30 to 2026-11-01; crm.export 1, webmail.upload 1."');
    expect(await (await security.request('/activity?until=2026-10-29')).text()).toContain('No events match.');
    // Half a year: bars per week, every event still counted.
    const year = await (await security.request('/activity?from=2026-05-01&until=2026-11-02')).text();
    expect(year).toContain('Volume per week');
    expect(year).toContain('Events per week by type: 3 events from 2026-05-01 to 2026-10-30;');
    // Dates the wrong way round or too far apart: shown as an error, with a window that can be drawn.
    const backwards = await security.request('/activity?from=2026-11-02&until=2026-10-01');
    expect([backwards.status, await backwards.text()]).toEqual([400, expect.stringContaining('is after until')]);
    const decade = await security.request('/activity?from=2016-01-01&until=2026-11-02');
    expect([decade.status, await decade.text()]).toEqual([400, expect.stringContaining('At most 366 days')]);
    // Hostile input: a date that is not one is refused; text for CRM or destination is a value, never SQL.
    expect((await security.request('/activity?until=2026-13-45')).status).toBe(400);
    const injected = await security.request(`/activity?crm=${encodeURIComponent("x' OR '1'='1")}&destination=${encodeURIComponent('") --')}`);
    expect([injected.status, await injected.text()]).toEqual([200, expect.stringContaining('No events match.')]);
    // LIKE's wildcards are text too: `%` and `_` match nothing, the exact value still matches.
    expect(await (await security.request('/activity?destination=%25')).text()).toContain('No events match.');
    expect(await (await security.request('/activity?destination=gmai_')).text()).toContain('No events match.');
    expect(await (await security.request('/activity?destination=gmail&from=2026-10-30')).text()).toContain('2 events');
  });
});
