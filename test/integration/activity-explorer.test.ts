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
    expect(everyone).toMatch(/<svg class="trend volume"[^>]*aria-label="Events per day: 3 events over 4 days from 2026-10-30 to 2026-11-02; busiest day 2\."/);
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
});
