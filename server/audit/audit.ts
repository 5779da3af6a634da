import type { Context } from 'hono';
import { pseudonymiseDetails, pseudonymiseText } from '../people/pseudonymise-text';
import type { AppEnv, Services } from '../env';

/** Writes one audit record for the person making this request. */
export async function audit(c: Context<AppEnv>, action: string, target: string, details: Record<string, unknown> = {}) {
  c.set('audited', true);
  return recordAudit(c.var.services, c.var.person.subject, action, target, details);
}

/**
 * Writes one audit record. Employees in its target and details are written as their pseudonyms: the log
 * is read by auditors, and a filter or an import must not put an address in it. Console accounts
 * (`user:…` targets) keep their names: they are the people the log holds to account.
 */
export async function recordAudit(services: Services, actor: string, action: string, target: string, details: Record<string, unknown> = {}) {
  const key = await services.pseudonymKey();
  const entry = { at: services.now().toISOString(), actor, action, target: target.startsWith('user:') ? target : pseudonymiseText(target, key), details: pseudonymiseDetails(details, key) };
  const record = await services.store.appendAudit(entry, services.secrets.auditKey);
  services.auditCheckpoints.recorded(record);
  return record;
}

/** Verification lives in ./verify-chain; re-exported for the callers that import it from here. */
export { verifyAuditChain, type ChainVerdict } from './verify-chain';
