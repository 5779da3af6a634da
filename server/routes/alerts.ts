import { Hono } from 'hono';
import { AlertNoteRequest, AlertPatch, AlertQuery, BulkAlertChange, BulkDismiss } from '../../shared/api';
import { addNote, bulkChange, bulkDismiss, changeAlert, effectiveness } from '../alerts/alert-triage';
import { requireRole } from '../auth/auth';
import { ApiError } from '../http/errors';
import { describeEvent, lineageOf } from '../alerts/evidence';
import { validate } from '../http/validate';
import { employeeFilter } from '../people/employee-lookup';
import { withoutFingerprints } from '../ingest/fingerprint-keying';
import type { AppEnv, Services } from '../env';
import type { AlertFilter } from '../store/store';

/** The query's days as timestamps: `to` as a day includes that whole day. */
export function alertFilter(query: AlertQuery): AlertFilter {
  const day = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    status: query.status,
    severity: query.severity,
    pattern: query.pattern,
    employee: query.employee?.toLowerCase(),
    from: query.from && (day(query.from) ? `${query.from}T00:00:00.000Z` : new Date(query.from).toISOString()),
    to: query.to && (day(query.to) ? next(query.to) : new Date(query.to).toISOString()),
    // The queue's default: what needs a person first.
    sort: query.sort ?? 'severity',
    dir: query.dir,
  };
}

/** One alert with what a person needs to decide on it: notes, the events behind it, the lineage. */
export async function alertCase(services: Services, id: string) {
  const alert = await services.store.alert(id);
  if (!alert) throw new ApiError(404, 'not_found', `no alert ${id}`);
  const [notes, events] = await Promise.all([services.store.alertNotes(id), services.store.eventsByIds(alert.eventIds)]);
  return {
    alert,
    notes,
    evidence: events.map((event) => ({ event: withoutFingerprints(event), description: describeEvent(event) })),
    lineage: lineageOf(alert, events),
  };
}

export const alertRoutes = new Hono<AppEnv>()
  .get('/v1/alerts', requireRole('admin', 'security'), validate('query', AlertQuery), async (c) => {
    const query = c.req.valid('query');
    return c.json(await c.var.services.store.listAlerts(alertFilter({ ...query, employee: await employeeFilter(c, query.employee) })));
  })
  .get('/v1/alerts/effectiveness', requireRole('admin', 'security'), async (c) =>
    c.json(effectiveness(await c.var.services.store.alertStatusCounts())))
  .post('/v1/alerts/dismiss', requireRole('admin', 'security'), validate('json', BulkDismiss), async (c) => {
    const { ids, reason } = c.req.valid('json');
    return c.json(await bulkDismiss(c.var.services, c.var.person.subject, ids, reason));
  })
  .post('/v1/alerts/bulk', requireRole('admin', 'security'), validate('json', BulkAlertChange), async (c) => {
    const { ids, ...change } = c.req.valid('json');
    return c.json(await bulkChange(c.var.services, c.var.person.subject, ids, change));
  })
  .get('/v1/alerts/:id', requireRole('admin', 'security'), async (c) => c.json(await alertCase(c.var.services, c.req.param('id'))))
  .patch('/v1/alerts/:id', requireRole('admin', 'security'), validate('json', AlertPatch), async (c) =>
    c.json(await changeAlert(c.var.services, c.var.person.subject, c.req.param('id'), c.req.valid('json'))))
  .post('/v1/alerts/:id/notes', requireRole('admin', 'security'), validate('json', AlertNoteRequest), async (c) =>
    c.json(await addNote(c.var.services, c.var.person.subject, c.req.param('id'), c.req.valid('json').body), 201));
