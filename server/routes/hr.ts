import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { HrSignal } from '../../shared/api';
import { requireRole } from '../auth/auth';
import { ApiError } from '../http/errors';
import { parseHrCsv } from '../people/hr-csv';
import { importHrFile } from '../people/hr-import';
import { scoringSettings } from '../policy/policy';
import { rescoreAll, rescoreEmployee } from '../scoring/rescore';
import { rewriteDepartureHistory } from '../scoring/rescore-history';
import { validate } from '../http/validate';
import type { AppEnv, Services } from '../env';
import { tooLarge } from './limits';

/** Beyond this many people, one full rescore is cheaper than rescoring them one by one. */
const RESCORE_ONE_BY_ONE = 200;

/** Stores signals and directory entries in one transaction, then rescores whoever they touch. */
export async function record(services: Services, signals: HrSignal[], departments: { employee: string; department: string }[], source: string) {
  const { store, now, secrets } = services;
  const at = now().toISOString();
  const added = await store.importHr(
    signals.map((s) => ({ id: randomUUID(), employee: s.employeeEmail.toLowerCase(), kind: s.kind, effectiveDate: s.effectiveDate, source, createdAt: at })),
    departments,
    at,
  );
  const settings = await scoringSettings(store, secrets.fingerprintSalt);
  // Only people with activity have something to rescore; a signal for anyone else waits for their first event.
  const known = new Set(await store.knownEmployees());
  const touched = new Set([...signals.map((s) => s.employeeEmail.toLowerCase()), ...departments.map((d) => d.employee)].filter((e) => known.has(e)));
  if (touched.size > RESCORE_ONE_BY_ONE) await rescoreAll(store, now(), settings);
  else for (const employee of touched) await rescoreEmployee(store, employee, now(), settings);
  // Their notice re-weighs the days before it, in the history too.
  const leaving = new Set(signals.map((s) => s.employeeEmail.toLowerCase()).filter((e) => known.has(e)));
  for (const employee of leaving) await rewriteDepartureHistory(store, employee, now(), settings);
  return added;
}

const DirectoryEntry = z.object({ employeeEmail: z.email().max(320), department: z.string().trim().min(1).max(128) });

export const hrRoutes = new Hono<AppEnv>()
  .post('/v1/hr/signals', requireRole('admin', 'hr'), validate('json', HrSignal), async (c) => {
    const added = await record(c.var.services, [c.req.valid('json')], [], 'api');
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
    await record(c.var.services, [], entries, 'api');
    return c.json({ updated: entries.length });
  });
