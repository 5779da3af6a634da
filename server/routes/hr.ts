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

/** PostgreSQL's text cannot hold U+0000; refused on both backends alike. */
const Text = z.string().trim().min(1).max(128).refine((v) => !v.includes('\0'), 'must not contain the character U+0000');
const DirectoryEntry = z.object({
  employeeEmail: z.email().max(320),
  department: Text,
  /** Peer groups by role when at least five people share it (peer-groups.ts). */
  jobTitle: Text.nullable().optional(),
  manager: z.email().max(320).nullable().optional(),
  /** A new starter's first month is taking over a territory (onboarding.ts): exact from HR, inferred without. */
  hiredOn: z.iso.date().nullable().optional(),
});
/** One entry per person: two would leave which one holds to the order of the rows. */
const Directory = z.object({ employees: z.array(DirectoryEntry).min(1).max(100_000) }).superRefine(({ employees }, ctx) => {
  const seen = new Set<string>();
  employees.forEach((e, i) => {
    const email = e.employeeEmail.toLowerCase();
    if (seen.has(email)) ctx.addIssue({ code: 'custom', path: ['employees', i, 'employeeEmail'], message: `${email} appears more than once` });
    seen.add(email);
  });
});

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
  /**
   * The HR directory: each employee's department and job title (their peer group for risk baselines), manager
   * and hire date. A field left out keeps what the directory knew (SCIM may have set it); null clears it.
   */
  .put('/v1/hr/directory', requireRole('admin', 'hr'), validate('json', Directory), async (c) => {
    const entries = c.req.valid('json').employees.map((e) => ({
      employee: e.employeeEmail.toLowerCase(), department: e.department, jobTitle: e.jobTitle, manager: e.manager === null ? null : e.manager?.toLowerCase(), hiredOn: e.hiredOn,
    }));
    await recordHrSignals(c.var.services, [], entries, 'api');
    return c.json({ updated: entries.length });
  });
