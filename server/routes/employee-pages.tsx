import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { audit } from '../audit/audit';
import { csvRows } from '../http/csv';
import { ApiError } from '../http/errors';
import { formInput, pageAction } from '../http/forms';
import { requirePage } from '../auth/page-auth';
import { loadPolicy, scoringSettings } from '../policy/policy';
import { employeeProtection } from '../ingest/device-protection';
import { displayName, pseudonym, pseudonymId, PSEUDONYM_ID, seesPseudonyms } from '../people/pseudonyms';
import { departureWindow } from '../risk/departure';
import { EmployeeDetailPage, HANDOVER_CHECKLIST } from '../views/employee-detail';
import { EmployeesPage, PER_LEVEL, RISK_LEVELS } from '../views/employees';
import type { AppEnv } from '../env';

const PEOPLE = ['admin', 'security', 'hr'] as const;

const HandoverForm = z.object({ items: z.array(z.enum(HANDOVER_CHECKLIST.map((i) => i.id))).max(HANDOVER_CHECKLIST.length) });

/** The employee behind a pseudonym id; pages never put an e-mail address in a URL. */
async function employeeFor(c: Context<AppEnv>, pid: string) {
  if (!PSEUDONYM_ID.test(pid)) throw new ApiError(404, 'not_found', 'no such employee');
  const key = await c.var.services.pseudonymKey();
  const email = await c.var.services.pseudonyms.employee(pid);
  const risk = email && (await c.var.services.store.risk(email));
  if (!risk) throw new ApiError(404, 'not_found', 'no such employee');
  return { key, risk };
}

/** Renders the detail page; every rendering is a view of an employee's detail and is audited. */
async function detailPage(c: Context<AppEnv>, pid: string, reveal?: { reason: string }, error?: string) {
  const { store, now, secrets } = c.var.services;
  const { key, risk } = await employeeFor(c, pid);
  const [history, signals, settings, handover, { coverage }] = await Promise.all([
    store.riskHistory(risk.employee), store.hrSignals(risk.employee), scoringSettings(store, secrets.fingerprintSalt), store.handoverChecks(risk.employee),
    loadPolicy(store, secrets.fingerprintSalt),
  ]);
  const protection = await employeeProtection(store, risk.employee, now(), coverage.silentAfterHours);
  const hidden = seesPseudonyms(c.var.person.role);
  const target = pseudonym(key, risk.employee);
  if (reveal) {
    await audit(c, 'employee.reveal', target, { reason: reveal.reason });
    c.set('revealed', true);
  }
  await audit(c, 'employee.view', target, { revealed: !hidden || Boolean(reveal) });
  return c.html(
    <EmployeeDetailPage
      viewer={c.var.person} pid={pid} name={reveal ? risk.employee : displayName(key, c.var.person.role, risk.employee)}
      revealed={Boolean(reveal)} canReveal={hidden} risk={risk} history={history} signals={signals}
      window={departureWindow(signals, settings.model)} handover={handover} protection={protection} today={now().toISOString().slice(0, 10)} error={error}
    />,
    error ? 400 : 200,
  );
}

function notFoundPage(c: Context<AppEnv>) {
  return c.redirect('/employees', 303);
}

async function listPage(c: Context<AppEnv>, error?: string) {
  const key = await c.var.services.pseudonymKey();
  const reads = c.var.services.store.consoleReads;
  // Each level's highest scores and how many people it holds: the database counts and sorts, not the page.
  const counts = await reads.riskLevelCounts();
  const levels = await Promise.all(RISK_LEVELS.map(async (level) => ({
    level,
    count: counts[level],
    risks: counts[level] === 0 ? [] : (await reads.topRisks(PER_LEVEL, level)).map((r) => ({ ...r, pid: pseudonymId(key, r.employee), name: displayName(key, c.var.person.role, r.employee) })),
  })));
  return c.html(<EmployeesPage viewer={c.var.person} levels={levels} findByEmailNeedsReason={seesPseudonyms(c.var.person.role)} error={error} />, error ? 400 : 200);
}

/** A pseudonym as typed: with or without "Employee ", any case. */
const FindByPseudonym = z.object({ pseudonym: z.string().trim().toUpperCase().transform((p) => p.replace(/^EMPLOYEE\s+/, '')).pipe(z.string().regex(PSEUDONYM_ID, 'a pseudonym looks like 1A2B-3C4D-5E6F')) });
const FindByEmail = z.object({ email: z.email().max(320).transform((e) => e.toLowerCase()), reason: z.string().trim().max(500).default('') });

export const employeePageRoutes = new Hono<AppEnv>()
  .get('/employees', requirePage(...PEOPLE), (c) => listPage(c))
  /** Find a person by pseudonym: no reveal, the pseudonym is what these roles see already. */
  .get('/employees/find', requirePage(...PEOPLE), (c) =>
    pageAction(c, async () => {
      const parsed = FindByPseudonym.safeParse(c.req.query());
      if (!parsed.success) throw new ApiError(400, 'invalid_input', `pseudonym: ${parsed.error.issues[0]!.message}`);
      await employeeFor(c, parsed.data.pseudonym);
      return c.redirect(`/employees/${parsed.data.pseudonym}`, 303);
    }, (error, status) => listPage(c, status === 404 ? 'Nobody with that pseudonym has been scored.' : error)))
  /** Find a person by e-mail: it ties a name to a pseudonym, so for security and HR it is a reveal with a reason, audited. */
  .post('/employees/find', requirePage(...PEOPLE), (c) =>
    pageAction(c, async () => {
      const { email, reason } = await formInput(c, FindByEmail);
      if (seesPseudonyms(c.var.person.role) && reason.length < 10) throw new ApiError(400, 'invalid_input', 'reason: say in a sentence why you need to find this person');
      const key = await c.var.services.pseudonymKey();
      await audit(c, 'employee.find', pseudonym(key, email), { reason, found: Boolean(await c.var.services.store.risk(email)) });
      if (!(await c.var.services.store.risk(email))) throw new ApiError(404, 'not_found', 'Nobody with that e-mail has been scored.');
      return c.redirect(`/employees/${pseudonymId(key, email)}`, 303);
    }, (error) => listPage(c, error)))
  /** Scores and factors only (never events or content); pseudonyms stay pseudonyms; the export is audited. */
  .get('/employees.csv', requirePage(...PEOPLE), async (c) => {
    const key = await c.var.services.pseudonymKey();
    const risks = await c.var.services.store.listRisks();
    await audit(c, 'export.employees', 'employees', { rows: risks.length, pseudonymised: seesPseudonyms(c.var.person.role) });
    const rows = [['employee', 'score', 'level', 'factors', 'updated_at'],
      ...risks.map((r) => [displayName(key, c.var.person.role, r.employee), Math.round(r.score), r.level, r.factors.map((f) => f.summary).join(' | '), r.updatedAt])];
    return c.body(csvRows(rows), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="crm-guard-employees.csv"' });
  })
  .get('/employees/:pid', requirePage(...PEOPLE), (c) => pageAction(c, () => detailPage(c, c.req.param('pid')), () => notFoundPage(c)))
  .post('/employees/:pid/handover', requirePage(...PEOPLE), (c) =>
    pageAction(c, async () => {
      const { items } = await formInput(c, HandoverForm, ['items']);
      const { key, risk } = await employeeFor(c, c.req.param('pid'));
      await c.var.services.store.setHandoverChecks(risk.employee, items, c.var.person.subject, c.var.services.now().toISOString());
      await audit(c, 'employee.handover', pseudonym(key, risk.employee), { done: items });
      return c.redirect(`/employees/${c.req.param('pid')}`, 303);
    }, (error, status) => (status === 404 ? notFoundPage(c) : detailPage(c, c.req.param('pid'), undefined, error))))
  /** A name is revealed for this one answer, with a typed reason written to the audit log first. */
  .post('/employees/:pid/reveal', requirePage(...PEOPLE), (c) =>
    pageAction(c, async () => {
      const { reason } = await formInput(c, z.object({ reason: z.string().trim().min(10, 'say in a sentence why you need the name').max(500) }));
      return detailPage(c, c.req.param('pid'), { reason });
    }, (error, status) => (status === 404 ? notFoundPage(c) : detailPage(c, c.req.param('pid'), undefined, error))));
