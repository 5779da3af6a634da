import { auditHash, GENESIS_HASH, legacyAuditHash } from '../store/audit-chain';
import type { AuditRecord, Store } from '../store/store';
import type { AuditCheckpoint } from './checkpoint';

export interface ChainVerdict {
  ok: boolean;
  /** How many records were checked (all of them when `ok`). */
  records: number;
  /** The first record that does not fit the chain, or the checkpoint the chain no longer matches, and why. */
  broken?: { seq: number; reason: string };
  lastHash: string;
  /** Records from before the chain was keyed (unkeyed SHA-256), all at its start. */
  legacyRecords: number;
  /** The checkpoints the chain was held against, and the newest of them. */
  checkpoints: number;
  latestCheckpoint?: { seq: number; at: string };
}

const CHUNK = 1000;

/**
 * Re-walks the whole chain: numbering, links, and each hash (HMAC under the audit key; the unkeyed
 * SHA-256 of older records only before the first keyed one). Then holds it against the checkpoints:
 * a checkpoint's record must still be there with the same hash (else rewritten or removed), the chain
 * must reach the newest checkpoint (else truncated), and no more unkeyed records than it counted.
 */
export async function verifyAuditChain(store: Store, auditKey: string, checkpoints: readonly AuditCheckpoint[] = []): Promise<ChainVerdict> {
  // Several servers on one database each keep their own checkpoints; any of them may hold a record's number.
  const bySeq = new Map<number, AuditCheckpoint[]>();
  for (const c of checkpoints) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
  const latest = checkpoints.reduce<AuditCheckpoint | undefined>((a, c) => (!a || c.seq > a.seq ? c : a), undefined);
  const summary = { checkpoints: checkpoints.length, latestCheckpoint: latest && { seq: latest.seq, at: latest.at } };
  let previous: Pick<AuditRecord, 'seq' | 'hash'> = { seq: 0, hash: GENESIS_HASH };
  let records = 0;
  let legacyRecords = 0;
  const verdict = (broken?: { seq: number; reason: string }): ChainVerdict =>
    ({ ok: !broken, records, ...(broken ? { broken } : {}), lastHash: previous.hash, legacyRecords, ...summary });
  for (;;) {
    const chunk = await store.auditChunk(previous.seq, CHUNK);
    for (const record of chunk) {
      const keyed = record.hash === auditHash(auditKey, previous.hash, record);
      const legacy = !keyed && legacyRecords === records && record.hash === legacyAuditHash(previous.hash, record);
      const reason =
        record.seq !== previous.seq + 1 ? `record ${previous.seq + 1} is missing`
        : record.prevHash !== previous.hash ? 'its link to the previous record does not match'
        : !keyed && !legacy ? 'its content was changed after it was written (or it was not written with this deployment\'s audit key)'
        : undefined;
      if (reason) return verdict({ seq: record.seq, reason });
      const held = bySeq.get(record.seq) ?? [];
      const rewritten = held.find((c) => c.hash !== record.hash);
      if (rewritten) return verdict({ seq: record.seq, reason: `the chain was rewritten: checkpoint ${rewritten.at} signed another hash for this record` });
      previous = record;
      records += 1;
      if (legacy) legacyRecords += 1;
      if (held.some((c) => legacyRecords > c.legacyRecords)) return verdict({ seq: record.seq, reason: 'more unkeyed records than the checkpoint counted: the chain was rebuilt without the key' });
    }
    if (chunk.length < CHUNK) break;
  }
  if (latest && previous.seq < latest.seq) {
    return verdict({ seq: previous.seq + 1, reason: `records ${previous.seq + 1}–${latest.seq} were removed: checkpoint ${latest.at} saw the chain reach ${latest.seq}` });
  }
  return verdict();
}
