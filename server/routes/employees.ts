import { Hono } from 'hono';
import * as z from 'zod';
import { audit } from '../audit/audit';
import { requireRole } from '../auth/auth';
import { EmployeeRef } from '../../shared/api';
import { resolveEmployee } from '../people/employee-lookup';
import { pseudonym, seesPseudonyms } from '../people/pseudonyms';
import { ApiError } from '../http/errors';
import { scoringSettings } from '../policy/policy';
import { rescoreEmployee } from '../scoring/rescore';
import { RESCORE_EVERY_MS } from '../scoring/schedule';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';

export const employeeRoutes = new Hono<AppEnv>()
  .get('/v1/employees', requireRole('admin', 'security', 'hr'), async (c) => {
    const key = await c.var.services.pseudonymKey();
    return c.json((await c.var.services.store.listRisks()).map((r) => ({ ...r, pseudonym: pseudonym(key, r.employee) })));
  })
  /** `:email` may be a pseudonym; for security and HR an address is a reveal, with `?reason=` (audited), and the answer names the person. */
  .get('/v1/employees/:email', requireRole('admin', 'security', 'hr'), validate('param', z.object({ email: EmployeeRef })), async (c) => {
    const ref = c.req.valid('param').email;
    const employee = await resolveEmployee(c, ref);
    const revealed = !seesPseudonyms(c.var.person.role) || ref.includes('@');
    const { store, now } = c.var.services;
    // Batches that arrived in the last seconds may wait for a coalesced rescore: the page shows it done.
    await c.var.services.ingestScoring.settleEmployee(employee);
    let risk = await store.risk(employee);
    if (risk && now().getTime() - Date.parse(risk.updatedAt) > RESCORE_EVERY_MS) {
      // Between scheduled runs, a stale score is brought up to date before anyone reads it.
      risk = await rescoreEmployee(store, employee, now(), await scoringSettings(store, c.var.services.secrets.fingerprintSalt));
    }
    if (!risk) throw new ApiError(404, 'not_found', `no risk record for ${ref}`);
    const [history, hrSignals] = await Promise.all([store.riskHistory(employee), store.hrSignals(employee)]);
    const name = pseudonym(await c.var.services.pseudonymKey(), employee);
    // The API names people (the contract's `employee`); each read of a detail is still on the record.
    await audit(c, 'employee.view', name, { via: 'api', revealed });
    c.set('revealed', revealed);
    return c.json({ ...risk, pseudonym: name, history, hrSignals });
  });
