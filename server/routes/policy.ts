import * as z from 'zod';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { PolicyUpdate, type Policy } from '../../shared/policy';
import { bearer, deviceAuth, requireRole } from '../auth/auth';
import { changePolicy, loadPolicy } from '../policy/policy';
import { PolicyPreviewRequest, previewPolicy } from '../policy/policy-preview';
import { validate } from '../http/validate';
import { rotateFingerprintSalt } from '../policy/rotate-fingerprint-salt';
import type { AppEnv } from '../env';

/** Extensions read the policy with their device token; people with a console role may read it too. */
const deviceOrPerson = createMiddleware<AppEnv>(async (c, next) => {
  if (bearer(c.req.header('authorization'))?.startsWith('dev_')) return deviceAuth(c, next);
  return requireRole('admin', 'security', 'hr', 'auditor')(c, next);
});

/** `force` rotates again while the previous rotation's window is open, ending it early. */
const SaltRotationRequest = z.strictObject({ force: z.boolean().optional() });

export const policyRoutes = new Hono<AppEnv>()
  .get('/v1/policy', deviceOrPerson, async (c) => {
    const policy = await loadPolicy(c.var.services.store, c.var.services.secrets.fingerprintSalt, c.var.services.now());
    // Extensions poll the policy: an unchanged one costs a 304. The two representations (with and without the salt) differ, so do their tags.
    const etag = `"${policy.version}-${c.var.device ? 'd' : 'p'}"`;
    c.header('etag', etag);
    c.header('cache-control', 'no-cache');
    if (ifNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.json(c.var.device ? policy : withoutSalt(policy));
  })
  .put('/v1/policy', requireRole('admin'), validate('json', PolicyUpdate), async (c) => {
    const { after } = await changePolicy(c.var.services, c.var.person.subject, c.req.valid('json'), 'api');
    return c.json(withoutSalt(after));
  })
  /** A new device salt; the previous one is served with it for the lineage window (server/policy/rotate-fingerprint-salt.ts). */
  .post('/v1/policy/salt-rotation', requireRole('admin'), validate('json', SaltRotationRequest), async (c) => {
    const rotation = await rotateFingerprintSalt(c.var.services, c.var.person.subject, { force: c.req.valid('json').force, via: 'api' });
    return c.json({ rotatedAt: rotation.rotatedAt, previousSaltUntil: rotation.previous?.until }, 201);
  })
  /** What a candidate policy would have raised over past days, before anyone saves it; nothing is saved. */
  .post('/v1/policy/preview', requireRole('admin', 'security'), validate('json', PolicyPreviewRequest), async (c) =>
    c.json(await previewPolicy(c.var.services, c.req.valid('json'))));

/** RFC 9110 If-None-Match: a list of entity tags or `*`; weak tags compare equal to strong ones. */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === '*' || t === etag);
}

/** Only devices need the salts; a person holding one could reverse fingerprints by hashing candidate addresses. */
function withoutSalt({ fingerprintSalt: _, previousFingerprintSalt: __, ...policy }: Policy) {
  return policy;
}
