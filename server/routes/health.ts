import { Hono } from 'hono';
import { requireRole } from '../auth/auth';
import { openApiDocument } from '../http/openapi';
import type { AppEnv } from '../env';

export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    await c.var.services.store.ping();
    return c.json({ status: 'ok', database: c.var.services.store.dialect });
  })
  .get('/metrics', requireRole('admin'), async (c) => {
    const { store, metrics, ingestScoring } = c.var.services;
    const [events, outbox] = await Promise.all([store.countEvents(), store.outbox.counts()]);
    const gauges = { crmguard_events_stored: events, crmguard_deliveries_pending: outbox.pending, crmguard_deliveries_dead: outbox.dead, crmguard_rescore_backlog: ingestScoring.backlog };
    const writes = store.eventWrites();
    const counters = { crmguard_event_batches_written_total: writes.batches, crmguard_event_transactions_total: writes.transactions };
    return c.text(metrics.render(gauges, counters), 200, { 'content-type': 'text/plain; version=0.0.4' });
  })
  .get('/v1/openapi.json', (c) => c.json(openApiDocument()));
