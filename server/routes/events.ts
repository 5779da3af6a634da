import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EventBatch, EventQuery, type IngestResult } from '../../shared/api';
import { deviceAuth, requireRole } from '../auth/auth';
import { attachJustifications, deviceCoverage } from '../ingest/device-signals';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { employeeFilter } from '../people/employee-lookup';
import { keyEventFingerprints, withoutFingerprints } from '../ingest/fingerprint-keying';
import { acceptsPreviousFingerprints, loadSaltRotation } from '../policy/fingerprint-salt';
import type { AppEnv } from '../env';
import { MAX_EVENTS_BODY, tooLarge } from './limits';

/** How precisely `lastSeenAt` follows a device's batches (coverage counts silence in hours). */
const SEEN_PRECISION_MS = 60_000;

export const eventRoutes = new Hono<AppEnv>()
  // Counts refused batches for /metrics, whichever check refused them (token, size, schema, employee).
  .use('/v1/events', async (c, next) => {
    await next();
    if (c.req.method === 'POST' && c.res.status >= 400 && c.res.status < 500) c.var.services.metrics.batchesRejected++;
  })
  /** Idempotent by event id: the extension may resend a batch whose acknowledgement it never saw. */
  .post('/v1/events', bodyLimit({ maxSize: MAX_EVENTS_BODY, onError: tooLarge }), deviceAuth, validate('json', EventBatch), async (c) => {
    const { events } = c.req.valid('json');
    const device = c.var.device;
    const foreign = events.findIndex((e) => e.employee.toLowerCase() !== device.employee);
    if (foreign !== -1) {
      throw new ApiError(403, 'employee_mismatch', `events.${foreign}.employee is not the employee this device enrolled for`, { index: foreign });
    }
    const { store, now } = c.var.services;
    const at = now();
    // A clock a day ahead is a broken or forged one; such an event would sit at the top of every timeline.
    const future = events.findIndex((e) => Date.parse(e.occurredAt) > at.getTime() + 86_400_000);
    if (future !== -1) {
      throw new ApiError(400, 'invalid_input', `events.${future}.occurredAt: more than a day in the future`, { fields: [{ path: `events.${future}.occurredAt`, message: 'more than a day in the future' }] });
    }
    // In place: the parsed body is this request's own copy, and a copy of every event was garbage to collect.
    for (const e of events) e.employee = device.employee;
    // Only keyed fingerprints are stored: a database dump plus a device's salt must match nothing.
    // Read only when a device sent sets under a rotated-out salt: most batches carry none.
    const rotation = events.some((e) => 'previousFingerprints' in e && e.previousFingerprints) ? await loadSaltRotation(store) : undefined;
    keyEventFingerprints(events, c.var.services.secrets.fingerprintKey, (e) => acceptsPreviousFingerprints(rotation, e.occurredAt));
    // A device sending batch after batch is seen a minute at a time: one write a minute, not one a batch.
    // (Never back: one stored ahead by a clock that has since been corrected stands until time passes it.)
    const seen = !device.lastSeenAt || at.getTime() - Date.parse(device.lastSeenAt) >= SEEN_PRECISION_MS;
    const touch = { lastSeenAt: seen ? at.toISOString() : undefined, coverage: deviceCoverage(device, events) };
    const { inserted, duplicate } = await store.insertEvents(device.id, events, at.toISOString(), touch);
    await attachJustifications(store, events);
    c.var.services.metrics.eventsAccepted += inserted.length;
    c.var.services.metrics.eventsDuplicate += duplicate;
    // Duplicates count too: a resend after a failed rescore must still get the employee scored.
    if (c.var.services.incrementalScoring && events.some((e) => !e.type.startsWith('agent.'))) {
      // All of the batch, not only what was new: a resend after a failure must still get its lineage.
      await c.var.services.ingestScoring.ingested(device.employee, events);
    }
    return c.json({ accepted: inserted.length, duplicate } satisfies IngestResult);
  })
  .get('/v1/events', requireRole('admin', 'security'), validate('query', EventQuery), async (c) => {
    const query = c.req.valid('query');
    const stored = await c.var.services.store.listEvents({ ...query, employee: await employeeFilter(c, query.employee) });
    return c.json({ events: stored.map((s) => ({ ...withoutFingerprints(s.event), deviceId: s.deviceId, receivedAt: s.receivedAt })) });
  });
