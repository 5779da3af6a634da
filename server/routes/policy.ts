import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { PolicyUpdate, type Policy } from '../../shared/policy';
import { bearer, deviceAuth, requireRole } from '../auth';
import { loadPolicy, savePolicyOverrides } from '../policy';
import { validate } from '../validate';
import type { AppEnv } from '../env';

/** Extensions read the policy with their device token; people with a console role may read it too. */
const deviceOrPerson = createMiddleware<AppEnv>(async (c, next) => {
  if (bearer(c.req.header('authorization'))?.startsWith('dev_')) return deviceAuth(c, next);
  return requireRole('admin', 'security', 'hr', 'auditor')(c, next);
});

export const policyRoutes = new Hono<AppEnv>()
  .get('/v1/policy', deviceOrPerson, async (c) => {
    const policy = await loadPolicy(c.var.services.store, c.var.services.secrets.fingerprintSalt);
    return c.json(c.var.device ? policy : withoutSalt(policy));
  })
  .put('/v1/policy', requireRole('admin'), validate('json', PolicyUpdate), async (c) => {
    await savePolicyOverrides(c.var.services.store, c.req.valid('json'));
    return c.json(withoutSalt(await loadPolicy(c.var.services.store, c.var.services.secrets.fingerprintSalt)));
  });

/** Only devices need the salt; a person holding it could reverse fingerprints by hashing candidate addresses. */
function withoutSalt({ fingerprintSalt: _, ...policy }: Policy) {
  return policy;
}
