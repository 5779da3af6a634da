import { Hono } from 'hono';
import { requireRole } from '../auth';
import { openApiDocument } from '../openapi';
import type { AppEnv } from '../env';

export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    await c.var.services.store.ping();
    return c.json({ status: 'ok', database: c.var.services.store.dialect });
  })
  .get('/metrics', requireRole('admin'), async (c) => {
    const events = await c.var.services.store.countEvents();
    return c.text(c.var.services.metrics.render({ crmguard_events_stored: events }), 200, { 'content-type': 'text/plain; version=0.0.4' });
  })
  .get('/v1/openapi.json', (c) => c.json(openApiDocument()));
