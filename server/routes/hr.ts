import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { HrSignal } from '../../shared/api';
import { requireRole } from '../auth/auth';
import { ApiError } from '../http/errors';
import { parseHrCsv } from '../people/hr-csv';
import { importHrFile } from '../people/hr-import';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';
import { recordHrSignals } from '../people/hr-signals';
import { tooLarge } from './limits';

const DirectoryEntry = z.object({ employeeEmail: z.email().max(320), department: z.string().trim().min(1).max(128) });

export const hrRoutes = new Hono<AppEnv>()
  .post('/v1/hr/signals', requireRole('admin', 'hr'), validate('json', HrSignal), async (c) => {
    const added = await recordHrSignals(c.var.services, [c.req.valid('json')], [], 'api');
    return c.json({ added, duplicate: 1 - added }, added ? 201 : 200);
  })
  .post('/v1/hr/signals/import', requireRole('admin', 'hr'), bodyLimit({ maxSize: 32 * 1024 * 1024, onError: tooLarge }), async (c) => {
    let parsed;
    try {
      parsed = parseHrCsv(await c.req.text());
    } catch (error) {
      throw new ApiError(400, 'invalid_csv', (error as Error).message);
    }
    // Signals for people crm-guard has never seen are kept (they may enroll later), counted and listed for the importer.
    return c.json(await importHrFile(c.var.services, c.var.person, parsed, 'api'));
  })
  /** The HR directory: each employee's department, which is their peer group for risk baselines. */
  .put('/v1/hr/directory', requireRole('admin', 'hr'), validate('json', z.object({ employees: z.array(DirectoryEntry).min(1).max(100_000) })), async (c) => {
    const entries = c.req.valid('json').employees.map((e) => ({ employee: e.employeeEmail.toLowerCase(), department: e.department }));
    await recordHrSignals(c.var.services, [], entries, 'api');
    return c.json({ updated: entries.length });
  });
