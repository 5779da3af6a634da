import { Hono } from 'hono';
import { IntegrationsUpdate } from '../../shared/integrations';
import { requireRole } from '../auth/auth';
import { audit } from '../audit/audit';
import { enabledKinds, integrationsView, loadIntegrations, saveIntegrations } from '../integrations/config';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';

/** Where alerts are delivered; only admins change it, and secrets are never sent back. */
export const integrationRoutes = new Hono<AppEnv>()
  .get('/v1/integrations', requireRole('admin'), async (c) => c.json(integrationsView(await loadIntegrations(c.var.services.store))))
  .put('/v1/integrations', requireRole('admin'), validate('json', IntegrationsUpdate), async (c) => {
    const saved = await saveIntegrations(c.var.services.store, c.req.valid('json'));
    // Whether e-mail addresses leave the server is a privacy decision: on the record, with who made it.
    await audit(c, 'integrations.update', 'integrations', { enabled: enabledKinds(saved), namesInPayloads: saved.namesInPayloads });
    return c.json(integrationsView(saved));
  });
