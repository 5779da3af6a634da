import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { AlertNoteRequest, AlertQuery, AlertStatus, BulkDismiss } from '../../shared/api';
import { addNote, bulkChange, bulkDismiss, changeAlert, effectiveness } from '../alerts/alert-triage';
import { audit } from '../audit/audit';
import { csvRows } from '../http/csv';
import { ApiError, invalidInput } from '../http/errors';
import { employeeFilter } from '../people/employee-lookup';
import { formInput, pageAction } from '../http/forms';
import { requirePage } from '../auth/page-auth';
import { displayName, pseudonym, pseudonymId, seesPseudonyms } from '../people/pseudonyms';
import { AlertDetailPage } from '../views/alert-detail';
import { AlertQueuePage, QUEUE_PAGE } from '../views/alerts';
import { pageNumber } from '../views/pager';
import type { AppEnv } from '../env';
import { alertCase, alertFilter } from './alerts';

const SECURITY = ['admin', 'security'] as const;

async function namer(c: Context<AppEnv>) {
  const key = await c.var.services.pseudonymKey();
  return { key, name: (email: string) => displayName(key, c.var.person.role, email) };
}

/** Who an alert can be assigned to: the console's active accounts that triage alerts. */
async function assignees(c: Context<AppEnv>) {
  const users = await c.var.services.store.listUsers();
  return users.filter((u) => !u.disabledAt && (u.role === 'security' || u.role === 'admin')).map((u) => u.username).sort();
}

/** An assignee from a form: empty for nobody, otherwise one of `assignees`. */
async function assigneeFrom(c: Context<AppEnv>, value: string): Promise<string | null> {
  if (value === '') return null;
  if (!(await assignees(c)).includes(value)) throw new ApiError(400, 'invalid_input', `assignee: ${value} is not an active security or admin account`);
  return value;
}

/** The filter fields of the URL; an empty select means "any". */
function filterParams(c: Context<AppEnv>) {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([k, v]) => v !== '' && k in AlertQuery.shape));
}

/** The filter's employee as an address; a lookup by address without a reason is shown as an error on the page. */
async function pageEmployeeFilter(c: Context<AppEnv>, query: AlertQuery): Promise<{ employee?: string; error?: string }> {
  try {
    return { employee: await employeeFilter(c, query.employee) };
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
}

/** The queue for the query in the URL; a bad filter is shown on the page with the whole queue. */
async function queuePage(c: Context<AppEnv>, extra: { error?: string; info?: string } = {}, status: 200 | 400 = 200) {
  const parsed = AlertQuery.safeParse(filterParams(c));
  let query: AlertQuery = parsed.success ? parsed.data : {};
  let error = parsed.success ? extra.error : `Filter ignored: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`;
  const filter = await pageEmployeeFilter(c, query);
  if (filter.error) ({ query, error } = { query: {}, error: `Filter ignored: ${filter.error}` });
  const { store } = c.var.services;
  const selected = alertFilter({ ...query, employee: filter.employee });
  const page = pageNumber(c.req.query('page'));
  const [alerts, total, counts, { key, name }, people] = await Promise.all([
    store.listAlerts({ ...selected, limit: QUEUE_PAGE, offset: (page - 1) * QUEUE_PAGE }), store.consoleReads.alertCount(selected), store.alertStatusCounts(), namer(c), assignees(c),
  ]);
  return c.html(
    <AlertQueuePage viewer={c.var.person} alerts={alerts} total={total} page={page} query={query} stats={effectiveness(counts)} name={name} pseudonymKey={key} assignees={people} now={c.var.services.now()} error={error} info={extra.info} />,
    error && status === 200 ? 400 : status,
  );
}

/** One alert's page; a name revealed there is revealed with a typed reason, audited as on the employee page. */
async function detailPage(c: Context<AppEnv>, id: string, error?: string, status: 200 | 400 | 404 | 409 = 200, reveal?: { reason: string }) {
  const found = await alertCase(c.var.services, id);
  const [{ key, name }, people] = await Promise.all([namer(c), assignees(c)]);
  const employee = found.alert.employee;
  if (reveal) {
    await audit(c, 'employee.reveal', pseudonym(key, employee), { reason: reveal.reason, alert: id });
    // The pseudonym guard passes this one answer unchanged (people/pseudonym-guard.ts).
    c.set('revealed', true);
  }
  return c.html(
    <AlertDetailPage
      viewer={c.var.person} case={found} employeeName={reveal ? employee : name(employee)} employeeHref={`/employees/${pseudonymId(key, employee)}`}
      canReveal={seesPseudonyms(c.var.person.role) && !reveal} assignees={people} error={error}
    />,
    status,
  );
}

/** An alert form: on success back to the alert, on a fixable error the alert page with the message. */
function alertAction(c: Context<AppEnv>, act: (id: string) => Promise<unknown>) {
  const id = c.req.param('id')!;
  return pageAction(c, async () => { await act(id); return c.redirect(`/alerts/${id}`, 303); }, (error, status) => detailPage(c, id, error, status));
}

/** The queue's URL a bulk action returns to: its filters and order, re-checked, never echoed raw. */
function queueUrl(back: string | undefined, notice: Record<string, number>) {
  const parsed = AlertQuery.safeParse(Object.fromEntries([...new URLSearchParams(back ?? '')].filter(([k, v]) => v !== '' && k in AlertQuery.shape)));
  const params = new URLSearchParams(Object.entries(parsed.success ? parsed.data : {}) as [string, string][]);
  for (const [k, v] of Object.entries(notice)) params.set(k, String(v));
  return `/alerts?${params}`;
}

/** After a bulk change: how many changed, and how many could not. Only digits are echoed. */
function changedNotice(changed?: string, skipped?: string) {
  if (!changed || !/^\d+$/.test(changed)) return undefined;
  const rest = skipped && /^[1-9]\d*$/.test(skipped) ? ` ${skipped} could not be changed: their status does not allow it.` : '';
  return `Changed ${changed === '1' ? '1 alert' : `${changed} alerts`}.${rest}`;
}

const BulkForm = z.object({
  ids: z.array(z.uuid()).min(1, 'select at least one alert').max(500),
  action: z.enum(['assign', 'status', 'dismiss']),
  assignee: z.string().trim().max(320).default(''),
  status: AlertStatus.default('investigating'),
  reason: z.string().trim().max(2000).default(''),
  back: z.string().max(2000).optional(),
});

/** After a bulk dismiss: how many went, and how many could not (already decided). Only digits are echoed. */
function dismissedNotice(dismissed?: string, skipped?: string) {
  if (!dismissed || !/^\d+$/.test(dismissed)) return undefined;
  const rest = skipped && /^[1-9]\d*$/.test(skipped) ? ` ${skipped} could not be dismissed: they were already decided.` : '';
  return `Dismissed ${dismissed === '1' ? '1 alert' : `${dismissed} alerts`}.${rest}`;
}

/** As on the employee page: a sentence of why, recorded before the name is shown. */
export const RevealForm = z.object({ reason: z.string().trim().min(10, 'say in a sentence why you need the name').max(500) });

const StatusForm = z.object({ status: AlertStatus, reason: z.string().trim().max(2000).optional() });

export const alertPageRoutes = new Hono<AppEnv>()
  .get('/alerts', requirePage(...SECURITY), (c) =>
    queuePage(c, { info: dismissedNotice(c.req.query('dismissed'), c.req.query('skipped')) ?? changedNotice(c.req.query('changed'), c.req.query('skipped')) }))
  .post('/alerts/bulk', requirePage(...SECURITY), (c) =>
    pageAction(c, async () => {
      const form = await formInput(c, BulkForm, ['ids']);
      const change = form.action === 'assign' ? { assignee: await assigneeFrom(c, form.assignee) }
        : form.action === 'status' ? { status: form.status }
        : { status: 'dismissed' as const, reason: form.reason };
      if (form.action === 'dismiss' && !form.reason) throw new ApiError(400, 'invalid_input', 'reason: dismissing alerts needs a reason');
      const result = await bulkChange(c.var.services, c.var.person.subject, form.ids, change);
      return c.redirect(queueUrl(form.back, { changed: result.changed.length, skipped: result.skipped.length }), 303);
    }, (error, status) => queuePage(c, { error }, status === 400 ? 400 : 200)))
  .get('/alerts.csv', requirePage(...SECURITY), async (c) => {
    const parsed = AlertQuery.safeParse(filterParams(c));
    if (!parsed.success) throw invalidInput(parsed.error);
    const query = parsed.data;
    const employee = await employeeFilter(c, query.employee);
    const [alerts, { name }] = await Promise.all([c.var.services.store.listAlerts(alertFilter({ ...query, employee })), namer(c)]);
    await audit(c, 'export.alerts', 'alerts', { rows: alerts.length, filter: query, pseudonymised: seesPseudonyms(c.var.person.role) });
    const rows = [['id', 'severity', 'status', 'pattern', 'employee', 'title', 'assignee', 'reason', 'events', 'created_at', 'updated_at'],
      ...alerts.map((a) => [a.id, a.severity, a.status, a.pattern, name(a.employee), a.title, a.assignee, a.reason, a.eventIds.length, a.createdAt, a.updatedAt])];
    return c.body(csvRows(rows), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="crm-guard-alerts.csv"' });
  })
  .post('/alerts/dismiss', requirePage(...SECURITY), (c) =>
    pageAction(c, async () => {
      const { ids, reason } = await formInput(c, BulkDismiss, ['ids']);
      const result = await bulkDismiss(c.var.services, c.var.person.subject, ids, reason);
      return c.redirect(`/alerts?dismissed=${result.dismissed.length}&skipped=${result.skipped.length}`, 303);
    }, (error, status) => queuePage(c, { error }, status === 400 ? 400 : 200)))
  .get('/alerts/:id', requirePage(...SECURITY), (c) => pageAction(c, () => detailPage(c, c.req.param('id')), (error, status) => queuePage(c, { error }, status === 400 ? 400 : 200)))
  .post('/alerts/:id/status', requirePage(...SECURITY), (c) =>
    alertAction(c, async (id) => changeAlert(c.var.services, c.var.person.subject, id, await formInput(c, StatusForm))))
  .post('/alerts/:id/assign', requirePage(...SECURITY), (c) =>
    alertAction(c, async (id) => {
      const { assignee } = await formInput(c, z.object({ assignee: z.string().trim().max(320) }));
      return changeAlert(c.var.services, c.var.person.subject, id, { assignee: await assigneeFrom(c, assignee) });
    }))
  .post('/alerts/:id/reveal', requirePage(...SECURITY), (c) =>
    pageAction(c, async () => {
      const { reason } = await formInput(c, RevealForm);
      return detailPage(c, c.req.param('id'), undefined, 200, { reason });
    }, (error, status) => detailPage(c, c.req.param('id'), error, status)))
  .post('/alerts/:id/notes', requirePage(...SECURITY), (c) =>
    alertAction(c, async (id) => addNote(c.var.services, c.var.person.subject, id, (await formInput(c, AlertNoteRequest)).body)));
