import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import * as z from 'zod';
import { requireRole } from '../auth/auth';
import { ApiError } from '../http/errors';
import { loadPolicy } from '../policy/policy';
import { validate } from '../http/validate';
import { EmployeeRef } from '../../shared/api';
import { employeeFilter } from '../people/employee-lookup';
import { deviceStatus, signalsByDevice } from '../ingest/device-protection';
import type { AppEnv } from '../env';

/**
 * The proof an uninstall URL carries: SHA-256 of "uninstall\n" and the hash of the device token. The
 * extension derives it from its token, the server from the stored hash, and it authenticates nothing else.
 */
export function uninstallProof(tokenHash: string): string {
  return createHash('sha256').update(`uninstall\n${tokenHash}`).digest('hex');
}

const UNINSTALLED_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>crm-guard removed</title></head>
<body style="font:15px/1.5 system-ui,sans-serif;max-width:640px;margin:40px auto">
<h1 style="font-size:20px">crm-guard was removed from this browser</h1>
<p>Your company's security team has been told. If this was not intended, ask your IT department to reinstall it.</p></body></html>`;

export const deviceRoutes = new Hono<AppEnv>()
  /** Opened by the browser itself when the extension is removed (`runtime.setUninstallURL`). */
  .get('/v1/devices/:id/uninstalled', validate('param', z.object({ id: z.uuid() })), validate('query', z.object({ proof: z.string().regex(/^[0-9a-f]{64}$/) })), async (c) => {
    const { store, now } = c.var.services;
    const { id } = c.req.valid('param');
    const tokenHash = await store.deviceTokenHash(id);
    const given = Buffer.from(c.req.valid('query').proof, 'hex');
    if (!tokenHash || !timingSafeEqual(given, Buffer.from(uninstallProof(tokenHash), 'hex'))) {
      throw new ApiError(403, 'invalid_proof', 'this is not a removal report of a known device');
    }
    await store.recordUninstall(id, now().toISOString());
    return c.html(UNINSTALLED_PAGE);
  })
  /** Every device with its coverage: version, incognito access, first-run acknowledgement, and whether it is silent or removed. */
  .get('/v1/devices', requireRole('admin', 'security'), validate('query', z.object({ employee: EmployeeRef.optional(), status: z.enum(['active', 'silent', 'uninstalled']).optional() })), async (c) => {
    const { store, now, secrets } = c.var.services;
    const query = c.req.valid('query');
    const { coverage } = await loadPolicy(store, secrets.fingerprintSalt);
    const employee = await employeeFilter(c, query.employee);
    const signals = await signalsByDevice(store, employee);
    const listed = await store.listDevices(employee);
    // How each device's employee was established: `oidc` (verified), `enrollment_token` (stated), null (enrolled before it was recorded).
    const identities = await store.deviceIdentities(listed.map((d) => d.id));
    const devices = listed
      .map((d) => ({ ...d, verifiedBy: identities.get(d.id)?.method ?? null, status: deviceStatus(d, now(), coverage.silentAfterHours), tamperSignals: signals.get(d.id) ?? [] }))
      .filter((d) => !query.status || d.status === query.status);
    return c.json({ silentAfterHours: coverage.silentAfterHours, devices });
  });
