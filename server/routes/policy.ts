import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { PolicyUpdate } from '../../shared/policy';
import { deviceAuth, requireRole } from '../auth';
import { loadPolicy, savePolicyOverrides } from '../policy';
import { validate } from '../validate';
import type { AppEnv } from '../env';

/** Extensions read the policy with their device token; people with a console role may read it too. */
const deviceOrPerson = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (token?.startsWith('dev_')) return deviceAuth(c, next);
  return requireRole('admin', 'security', 'hr', 'auditor')(c, next);
});

export const policyRoutes = new Hono<AppEnv>()
  .get('/v1/policy', deviceOrPerson, async (c) => {
    const policy = await loadPolicy(c.var.services.store, c.var.services.secrets.fingerprintSalt);
    return c.json(policy);
  })
  .put('/v1/policy', requireRole('admin'), validate('json', PolicyUpdate), async (c) => {
    await savePolicyOverrides(c.var.services.store, c.req.valid('json'));
    return c.json(await loadPolicy(c.var.services.store, c.var.services.secrets.fingerprintSalt));
  });
