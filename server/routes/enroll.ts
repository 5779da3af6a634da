import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EnrollRequest, type EnrollResponse } from '../../shared/api';
import { ApiError } from '../http/errors';
import { hashToken, newSecret, sameSecret } from '../auth/secrets';
import { clientAddress, enforceRateLimit } from '../http/rate-limit';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';
import { tooLarge } from './limits';

/** An extension trades the deployment's enrollment token for a device token of its own. */
export const enrollRoutes = new Hono<AppEnv>().post(
  '/v1/enroll',
  // Per address before anything else: guessing the enrollment token costs as much as enrolling.
  async (c, next) => {
    enforceRateLimit(c, c.var.services.enrollLimits.byAddress, [clientAddress(c)]);
    await next();
  },
  bodyLimit({ maxSize: 16 * 1024, onError: tooLarge }),
  validate('json', EnrollRequest),
  async (c) => {
    const body = c.req.valid('json');
    const { store, secrets, now } = c.var.services;
    // Per presented token: a leaked one cannot enroll devices by the thousand.
    enforceRateLimit(c, c.var.services.enrollLimits.byToken, [hashToken(body.enrollmentToken)]);
    if (!sameSecret(body.enrollmentToken, secrets.enrollmentToken)) {
      throw new ApiError(401, 'invalid_enrollment_token', 'the enrollment token is not this deployment’s');
    }
    const employee = body.employeeEmail.toLowerCase();
    const domain = employee.split('@')[1]!;
    if (c.var.services.employeeDomains.length > 0 && !c.var.services.employeeDomains.includes(domain)) {
      throw new ApiError(403, 'domain_not_allowed', `${domain} is not one of this deployment's employee domains`);
    }
    const deviceToken = newSecret('dev_');
    const device = {
      id: randomUUID(),
      employee,
      name: body.device.name ?? null,
      extensionVersion: body.device.extensionVersion ?? null,
      enrolledAt: now().toISOString(),
      lastSeenAt: null,
    };
    await store.createDevice(device, hashToken(deviceToken), body.device.userAgent ?? c.req.header('user-agent') ?? null);
    return c.json({ deviceId: device.id, deviceToken } satisfies EnrollResponse, 201);
  },
);
