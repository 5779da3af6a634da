import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EnrollRequest, type EnrollResponse } from '../../shared/api';
import { bearer } from '../auth/auth';
import { ApiError } from '../http/errors';
import { hashToken, newSecret } from '../auth/secrets';
import { clientAddress, enforceRateLimit } from '../http/rate-limit';
import { validate } from '../http/validate';
import { auditEnrollment, employeeFromEnrollmentToken, employeeFromIdToken } from '../identity/enrollment-identity';
import type { AppEnv } from '../env';
import { tooLarge } from './limits';

/**
 * An extension trades proof of who the employee is (an ID token from the company's issuer, or in the trial
 * the deployment's enrollment token) for a device token of its own. A browser enrolled before sends its
 * previous device token as `Authorization: Bearer`, so a change of identity on it is noticed.
 */
export const enrollRoutes = new Hono<AppEnv>().post(
  '/v1/enroll',
  // Per address before anything else: guessing the enrollment token costs as much as enrolling.
  async (c, next) => {
    enforceRateLimit(c, c.var.services.enrollLimits.byAddress, [clientAddress(c)]);
    await next();
  },
  bodyLimit({ maxSize: 32 * 1024, onError: tooLarge }),
  validate('json', EnrollRequest),
  async (c) => {
    const body = c.req.valid('json');
    const { store, now } = c.var.services;
    let identity;
    if ('idToken' in body) {
      identity = await employeeFromIdToken(c.var.services, body);
    } else {
      // Per presented token: a leaked one cannot enroll devices by the thousand.
      enforceRateLimit(c, c.var.services.enrollLimits.byToken, [hashToken(body.enrollmentToken)]);
      identity = employeeFromEnrollmentToken(c.var.services, body);
    }
    const previousToken = bearer(c.req.header('authorization'));
    const previous = previousToken ? await store.deviceByTokenHash(hashToken(previousToken)) : undefined;
    const earlierDevices = await store.listDevices(identity.email);
    const deviceToken = newSecret('dev_');
    const device = {
      id: randomUUID(),
      employee: identity.email,
      name: body.device.name ?? null,
      extensionVersion: body.device.extensionVersion ?? null,
      enrolledAt: now().toISOString(),
      lastSeenAt: null,
    };
    // The identity first: an ID token already used (replayed, leaked) enrolls nothing.
    if (!(await store.recordDeviceIdentity({ deviceId: device.id, ...identity, verifiedAt: device.enrolledAt }))) {
      throw new ApiError(401, 'invalid_id_token', 'this ID token has already enrolled a device; sign in again', { reason: 'token_reused' });
    }
    await store.createDevice(device, hashToken(deviceToken), body.device.userAgent ?? c.req.header('user-agent') ?? null);
    await auditEnrollment(c.var.services, { ...device, uninstalledAt: null, incognitoAllowed: null, noticeAcknowledgedAt: null }, identity, earlierDevices, previous);
    return c.json({ deviceId: device.id, deviceToken, employee: identity.email, verifiedBy: identity.method } satisfies EnrollResponse, 201);
  },
);
