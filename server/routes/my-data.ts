import { Hono } from 'hono';
import { recordAudit } from '../audit/audit';
import { deviceAuth } from '../auth/auth';
import { subjectAccessExport } from '../people/subject-access';
import { pseudonym } from '../people/pseudonyms';
import type { AppEnv } from '../env';

/**
 * An employee's own copy of their data. They authenticate with their browser's device token (the
 * extension's popup fetches it for them): it proves who they are the same way their events do, and
 * needs no console account. Each request is on the audit record.
 */
export const myDataRoutes = new Hono<AppEnv>()
  .get('/v1/me/data', deviceAuth, async (c) => {
    const { device, services } = c.var;
    await recordAudit(services, `device:${device.id}`, 'employee.data_export', pseudonym(await services.pseudonymKey(), device.employee), { via: 'device' });
    c.header('content-disposition', 'attachment; filename="crm-guard-my-data.json"');
    c.header('cache-control', 'no-store');
    return c.json(await subjectAccessExport(services, device.employee));
  });
