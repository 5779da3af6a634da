import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, make, testApp, type TestApp } from './harness';
import { createUser, signIn, type ConsoleSession } from './console-session';

const NOW = new Date('2026-11-02T10:00:00Z');
const LEAVER = 'boris@acme.example';
const STAYER = 'ann@acme.example';

/** Issue 18: the device coverage page and the departing-employees watchlist, as security and HR see them. */
describe('device coverage and the departing watchlist', { timeout: 30_000 }, () => {
  // Reassigned before each test: a fresh app, and a security and an HR person signed in to it.
  let t: TestApp, security: ConsoleSession, hr: ConsoleSession;
  beforeEach(async () => {
    t = await testApp(NOW);
    for (const person of [LEAVER, STAYER]) {
      await t.request('/v1/events', { token: await t.enroll(person), json: { events: [make.export(person, '2026-11-02T08:00:00Z', { rows: 3000 })] } });
    }
    await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: LEAVER, kind: 'resignation_notice', effectiveDate: '2026-10-30' } });
    await t.request('/v1/hr/signals', { token: ADMIN, json: { employeeEmail: LEAVER, kind: 'last_working_day', effectiveDate: '2026-11-20' } });
    await t.settle();
    [security, hr] = await Promise.all([['sam', 'security'], ['hana', 'hr']].map(async ([username, role]) => {
      await createUser(t, ADMIN, username!, role as 'security' | 'hr');
      return signIn(t, { username: username!, password: `${username}-password-123` });
    })) as [ConsoleSession, ConsoleSession];
  });
  afterEach(async () => { await t.close(); });

  it('shows every browser with its coverage, pseudonymised for security, and filters by status', async () => {
    const page = await (await security.request('/devices')).text();
    expect(page).not.toContain(LEAVER);
    expect(page).toContain('2 browsers');
    expect(page.match(/Employee [0-9A-F]{4}-/g)!.length).toBeGreaterThanOrEqual(2);
    expect(page).toMatch(/<b>2<\/b>/);
    expect(await (await security.request('/devices?status=silent')).text()).toContain('No browsers here.');
    expect(await (await t.request('/devices', { token: ADMIN })).text()).toContain(LEAVER);
    expect((await hr.request('/devices')).status).toBe(403);
    // A month without a word: both browsers are silent (the session has expired by then; the admin token has not).
    t.setNow(new Date(NOW.getTime() + 30 * 86_400_000));
    expect(await (await t.request('/devices?status=silent', { token: ADMIN })).text()).toContain('2 browsers');
  });

  it('lists who is leaving with days left, the score trend and the handover, for HR and security', async () => {
    const page = await (await hr.request('/watchlist')).text();
    expect(page).toContain('1 person');
    expect(page).not.toContain(LEAVER);
    expect(page).toContain('in 18 d (2026-11-20)');
    expect(page).toContain('2026-10-30');
    expect(page).toMatch(/<svg class="spark"[^>]*aria-label="Score \d+ on 2026-11-02; one day of history."/);
    expect(page).toContain('0 of 5');
    const [, pid] = /href="\/employees\/([0-9A-F-]{14})"/.exec(page)!;
    await hr.request(`/employees/${pid}/handover`, { form: { items: 'client_owner' } });
    expect(await (await security.request('/watchlist')).text()).toContain('1 of 5');
  });

  it('offers the least-privileged role first when an admin creates an account', async () => {
    const page = await (await t.request('/admin/people', { token: ADMIN })).text();
    expect(page).toMatch(/<select id="new-role" name="role" required=""><option value="admin">admin<\/option><option value="security">security<\/option><option value="hr">hr<\/option><option value="auditor" selected="">auditor<\/option>/);
  });

  it('says what an HR import did: every problem, contradictions left out, unknown people pseudonymised, on the record', async () => {
    const form = new FormData();
    form.set('_csrf', hr.csrf);
    form.set('file', new File([[
      'EmailAddress,ResignationDate,LastWorkingDate',
      `${STAYER},2026-11-01,2026-11-30`,
      'newcomer@acme.example,2026-11-01,',
      'late@acme.example,2026-12-10,2026-11-30',
      'nope,2026-13-01,',
    ].join('\r\n')], 'hr.csv', { type: 'text/csv' }));
    const html = await (await t.app.request('http://localhost/hr/import', { method: 'POST', headers: { cookie: hr.cookie }, body: form })).text();
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toContain('Imported 3 signals (3 new) and 0 directory entries. 1 person is not known to crm-guard yet');
    expect(text).toContain('2 rows were not imported');
    expect(text).toContain('Not known to crm-guard yet (1)');
    expect(html).not.toContain('newcomer@acme.example');
    expect(text).toMatch(/Employee [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(text).toContain('Row 4: contradiction: ResignationDate 2026-12-10 is after LastWorkingDate 2026-11-30');
    expect(text).toContain('Row 5: EmailAddress');
    expect(text).toContain('Row 5: ResignationDate');
    expect(await t.store.hrSignals('late@acme.example')).toEqual([]);
    const audit = (await (await t.request('/v1/audit', { token: ADMIN })).json()) as { action: string; actor: string; details: Record<string, unknown> }[];
    expect(audit.find((r) => r.action === 'hr.import')).toMatchObject({ actor: 'user:hana', details: { via: 'console', imported: 3, added: 3, unknownEmployees: 1, rowsWithProblems: 2 } });
  });

  it('lets a person change their own password, signing out their other browsers, on the record', async () => {
    const elsewhere = await signIn(t, { username: 'hana', password: 'hana-password-123' });
    const change = (form: Record<string, string>) => hr.request('/account/password', { form });
    expect(await (await hr.request('/account')).text()).toContain('Change your password');
    const wrong = await change({ current: 'not-my-password', password: 'a-brand-new-password', confirm: 'a-brand-new-password' });
    expect([wrong.status, await wrong.text()]).toEqual([400, expect.stringContaining('not your current password')]);
    expect(await (await change({ current: 'hana-password-123', password: 'a-brand-new-password', confirm: 'something-else-entirely' })).text()).toContain('differ');
    expect(await (await change({ current: 'hana-password-123', password: 'short', confirm: 'short' })).text()).toContain('at least 12 characters');
    const done = await change({ current: 'hana-password-123', password: 'a-brand-new-password', confirm: 'a-brand-new-password' });
    expect(await done.text()).toContain('Your password was changed');
    expect((await hr.request('/')).status).toBe(200);
    expect((await elsewhere.request('/')).status).toBe(302);
    await expect(signIn(t, { username: 'hana', password: 'hana-password-123' })).rejects.toThrow(/sign-in failed/);
    await signIn(t, { username: 'hana', password: 'a-brand-new-password' });
    const audit = (await (await t.request('/v1/audit', { token: ADMIN })).json()) as { action: string; actor: string }[];
    expect(audit.find((r) => r.action === 'account.password')).toMatchObject({ actor: 'user:hana' });
    expect(await (await t.request('/account', { token: ADMIN })).text()).toContain('it has no password');
  });

  it('slows down guessing the current password as sign-in does: a waiting attempt is not even checked', async () => {
    const change = (current: string) => hr.request('/account/password', { form: { current, password: 'a-brand-new-password', confirm: 'a-brand-new-password' } });
    for (const guess of ['guess-one', 'guess-two', 'guess-three']) expect((await change(guess)).status).toBe(400);
    const slowed = await change('guess-four');
    expect([slowed.status, slowed.headers.get('retry-after'), await slowed.text()]).toEqual([429, '1', expect.stringContaining('Too many wrong passwords')]);
    // The right password during the wait is refused unchecked: the wait says nothing about a guess.
    expect((await change('hana-password-123')).status).toBe(429);
    // They are the account's failed sign-ins: signing in with the right password waits too.
    await expect(signIn(t, { username: 'hana', password: 'hana-password-123' })).rejects.toThrow(/sign-in failed/);
    t.setNow(new Date(NOW.getTime() + 2_000));
    expect((await change('guess-five')).status).toBe(400);
    // Doubling: after a fifth failure the wait is two seconds.
    t.setNow(new Date(NOW.getTime() + 2_500));
    expect((await change('hana-password-123')).headers.get('retry-after')).toBe('2');
    t.setNow(new Date(NOW.getTime() + 5_000));
    expect(await (await change('hana-password-123')).text()).toContain('Your password was changed');
  });
});
