import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { AlertNoteRequest, AlertQuery, AlertStatus, BulkDismiss } from '../../shared/api';
import { addNote, bulkDismiss, changeAlert, effectiveness } from '../alerts/alert-triage';
import { audit } from '../audit/audit';
import { csvRows } from '../http/csv';
import { ApiError, invalidInput } from '../http/errors';
import { employeeFilter } from '../people/employee-lookup';
import { formInput, pageAction } from '../http/forms';
import { requirePage } from '../auth/page-auth';
import { displayName, pseudonymId, seesPseudonyms } from '../people/pseudonyms';
import { AlertDetailPage } from '../views/alert-detail';
import { AlertQueuePage } from '../views/alerts';
import type { AppEnv } from '../env';
import { alertCase, alertFilter } from './alerts';

const SECURITY = ['admin', 'security'] as const;

async function namer(c: Context<AppEnv>) {
  const key = await c.var.services.pseudonymKey();
  return { key, name: (email: string) => displayName(key, c.var.person.role, email) };
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
  const [alerts, counts, { key, name }] = await Promise.all([store.listAlerts(alertFilter({ ...query, employee: filter.employee })), store.alertStatusCounts(), namer(c)]);
  return c.html(<AlertQueuePage viewer={c.var.person} alerts={alerts} query={query} stats={effectiveness(counts)} name={name} pseudonymKey={key} error={error} info={extra.info} />, error && status === 200 ? 400 : status);
}

async function detailPage(c: Context<AppEnv>, id: string, error?: string, status: 200 | 400 | 404 | 409 = 200) {
  const found = await alertCase(c.var.services, id);
  const { key, name } = await namer(c);
  return c.html(<AlertDetailPage viewer={c.var.person} case={found} employeeName={name(found.alert.employee)} employeeHref={`/employees/${pseudonymId(key, found.alert.employee)}`} error={error} />, status);
}

/** An alert form: on success back to the alert, on a fixable error the alert page with the message. */
function alertAction(c: Context<AppEnv>, act: (id: string) => Promise<unknown>) {
  const id = c.req.param('id')!;
  return pageAction(c, async () => { await act(id); return c.redirect(`/alerts/${id}`, 303); }, (error, status) => detailPage(c, id, error, status));
}

/** After a bulk dismiss: how many went, and how many could not (already decided). Only digits are echoed. */
function dismissedNotice(dismissed?: string, skipped?: string) {
  if (!dismissed || !/^\d+$/.test(dismissed)) return undefined;
  const rest = skipped && /^[1-9]\d*$/.test(skipped) ? ` ${skipped} could not be dismissed: they were already decided.` : '';
  return `Dismissed ${dismissed === '1' ? '1 alert' : `${dismissed} alerts`}.${rest}`;
}

const StatusForm = z.object({ status: AlertStatus, reason: z.string().trim().max(2000).optional() });

export const alertPageRoutes = new Hono<AppEnv>()
  .get('/alerts', requirePage(...SECURITY), (c) => queuePage(c, { info: dismissedNotice(c.req.query('dismissed'), c.req.query('skipped')) }))
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
      return changeAlert(c.var.services, c.var.person.subject, id, { assignee: assignee || null });
    }))
  .post('/alerts/:id/notes', requirePage(...SECURITY), (c) =>
    alertAction(c, async (id) => addNote(c.var.services, c.var.person.subject, id, (await formInput(c, AlertNoteRequest)).body)));
