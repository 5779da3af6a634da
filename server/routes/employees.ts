import { Hono } from 'hono';
import * as z from 'zod';
import { audit } from '../audit/audit';
import { requireRole } from '../auth/auth';
import { EmployeeRef } from '../../shared/api';
import { resolveEmployee } from '../people/employee-lookup';
import { pseudonym, seesPseudonyms } from '../people/pseudonyms';
import { ApiError } from '../http/errors';
import { scoringSettings } from '../policy/policy';
import { scoreAsOf } from '../scoring/as-of';
import { effectiveBy } from '../scoring/organisation-score';
import { rescoreEmployee } from '../scoring/rescore';
import { RESCORE_EVERY_MS } from '../scoring/schedule';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';

/** `?asOf=<ISO datetime>`: the answer as it would have been then (a backtest); nothing is saved. */
const AsOf = z.object({ asOf: z.iso.datetime({ offset: true }).optional() });

/** A backtest reads the organisation's activity wholesale: for those who investigate, not for HR. */
function assertMayBacktest(role: string) {
  if (role !== 'admin' && role !== 'security') throw new ApiError(403, 'forbidden', 'asOf needs one of the roles: admin, security');
}

export const employeeRoutes = new Hono<AppEnv>()
  .get('/v1/employees', requireRole('admin', 'security', 'hr'), validate('query', AsOf), async (c) => {
    const key = await c.var.services.pseudonymKey();
    const { asOf } = c.req.valid('query');
    let risks;
    if (asOf === undefined) risks = await c.var.services.store.listRisks();
    else {
      assertMayBacktest(c.var.person.role);
      const { store, secrets } = c.var.services;
      risks = await scoreAsOf(store, new Date(asOf), await scoringSettings(store, secrets.fingerprintSalt));
    }
    return c.json(risks.map((r) => ({ ...r, pseudonym: pseudonym(key, r.employee) })));
  })
  /** `:email` may be a pseudonym; for security and HR an address is a reveal, with `?reason=` (audited), and the answer names the person. */
  .get('/v1/employees/:email', requireRole('admin', 'security', 'hr'), validate('param', z.object({ email: EmployeeRef })), validate('query', AsOf), async (c) => {
    const ref = c.req.valid('param').email;
    const employee = await resolveEmployee(c, ref);
    const revealed = !seesPseudonyms(c.var.person.role) || ref.includes('@');
    const { store, now } = c.var.services;
    const { asOf } = c.req.valid('query');
    if (asOf !== undefined) {
      assertMayBacktest(c.var.person.role);
      const at = new Date(asOf);
      const [risk] = await scoreAsOf(store, at, await scoringSettings(store, c.var.services.secrets.fingerprintSalt), [employee]);
      if (!risk) throw new ApiError(404, 'not_found', `no activity of ${employee} by ${asOf}`);
      const [history, hrSignals] = await Promise.all([store.riskHistory(employee), store.hrSignals(employee)]);
      const name = pseudonym(await c.var.services.pseudonymKey(), employee);
      await audit(c, 'employee.view', name, { via: 'api', revealed, asOf });
      c.set('revealed', revealed);
      return c.json({ ...risk, pseudonym: name, history: history.filter((h) => h.day < risk.updatedAt.slice(0, 10)), hrSignals: effectiveBy(hrSignals, at) });
    }
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
