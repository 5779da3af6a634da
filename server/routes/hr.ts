import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HrSignal } from '../../shared/api';
import { requireRole } from '../auth';
import { ApiError } from '../errors';
import { parseHrCsv } from '../hr-csv';
import { loadPolicy } from '../policy';
import { rescoreEmployee } from '../rescore';
import { validate } from '../validate';
import type { AppEnv, Services } from '../env';
import { tooLarge } from './limits';

async function recordSignals(services: Services, signals: HrSignal[], source: string) {
  const { store, now, secrets } = services;
  let added = 0;
  for (const signal of signals) {
    const stored = await store.addHrSignal({
      id: randomUUID(),
      employee: signal.employeeEmail.toLowerCase(),
      kind: signal.kind,
      effectiveDate: signal.effectiveDate,
      source,
      createdAt: now().toISOString(),
    });
    if (stored) added++;
  }
  const policy = await loadPolicy(store, secrets.fingerprintSalt);
  for (const employee of new Set(signals.map((s) => s.employeeEmail.toLowerCase()))) {
    await rescoreEmployee(store, employee, now(), policy.thresholds.sequenceWindowHours);
  }
  return added;
}

export const hrRoutes = new Hono<AppEnv>()
  .post('/v1/hr/signals', requireRole('admin', 'hr'), validate('json', HrSignal), async (c) => {
    const added = await recordSignals(c.var.services, [c.req.valid('json')], 'api');
    return c.json({ added, duplicate: 1 - added }, added ? 201 : 200);
  })
  .post('/v1/hr/signals/import', requireRole('admin', 'hr'), bodyLimit({ maxSize: 32 * 1024 * 1024, onError: tooLarge }), async (c) => {
    let parsed;
    try {
      parsed = parseHrCsv(await c.req.text());
    } catch (error) {
      throw new ApiError(400, 'invalid_csv', (error as Error).message);
    }
    const added = await recordSignals(c.var.services, parsed.signals, 'csv');
    return c.json({ imported: parsed.signals.length, added, errors: parsed.errors });
  });
