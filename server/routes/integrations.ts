import { Hono } from 'hono';
import { IntegrationsUpdate } from '../../shared/integrations';
import { requireRole } from '../auth/auth';
import { integrationsView, loadIntegrations, saveIntegrations } from '../integrations/config';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';

/** Where alerts are delivered; only admins change it, and secrets are never sent back. */
export const integrationRoutes = new Hono<AppEnv>()
  .get('/v1/integrations', requireRole('admin'), async (c) => c.json(integrationsView(await loadIntegrations(c.var.services.store))))
  .put('/v1/integrations', requireRole('admin'), validate('json', IntegrationsUpdate), async (c) =>
    c.json(integrationsView(await saveIntegrations(c.var.services.store, c.req.valid('json')))));
