import type { Context } from 'hono';
import { pseudonymiseDetails, pseudonymiseText } from '../people/pseudonymise-text';
import { auditHash, GENESIS_HASH } from '../store/audit-chain';
import type { AppEnv, Services } from '../env';
import type { Store } from '../store/store';

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
  return services.store.appendAudit({ at: services.now().toISOString(), actor, action, target: target.startsWith('user:') ? target : pseudonymiseText(target, key), details: pseudonymiseDetails(details, key) });
}

export interface ChainVerdict {
  ok: boolean;
  /** How many records were checked (all of them when `ok`). */
  records: number;
  /** The first record that does not fit the chain, and why. */
  broken?: { seq: number; reason: string };
  lastHash: string;
}

/** Re-walks the whole chain, a thousand records at a time: numbering, links and hashes. */
export async function verifyAuditChain(store: Store): Promise<ChainVerdict> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let records = 0;
  for (;;) {
    const chunk = await store.auditChunk(previous.seq, 1000);
    for (const record of chunk) {
      const reason =
        record.seq !== previous.seq + 1 ? `record ${previous.seq + 1} is missing`
        : record.prevHash !== previous.hash ? 'its link to the previous record does not match'
        : record.hash !== auditHash(previous.hash, record) ? 'its content was changed after it was written'
        : undefined;
      if (reason) return { ok: false, records, broken: { seq: record.seq, reason }, lastHash: previous.hash };
      previous = record;
      records += 1;
    }
    if (chunk.length < 1000) return { ok: true, records, lastHash: previous.hash };
  }
}
