import { createHmac, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson } from '../store/audit-chain';

/**
 * The head of the audit chain at one moment, signed with the audit key: a copy kept outside the
 * database (a file, and every configured SIEM output) is what deleting the newest records, or rewriting
 * the chain, is detected against.
 */
export interface AuditCheckpoint {
  /** The newest record's number and hash when the checkpoint was taken. */
  seq: number;
  hash: string;
  /** How many records the chain held (equals `seq` unless records were lost before). */
  count: number;
  /** How many of them predate the keyed chain (unkeyed SHA-256); none may follow a keyed one. */
  legacyRecords: number;
  at: string;
  /** HMAC-SHA256 of the other fields under the audit key. */
  signature: string;
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'signature'>;

export function signCheckpoint(auditKey: string, head: UnsignedCheckpoint): AuditCheckpoint {
  return { ...head, signature: mac(auditKey, head) };
}

export function checkpointSignedBy(auditKey: string, checkpoint: AuditCheckpoint): boolean {
  const { signature, ...head } = checkpoint;
  const expected = Buffer.from(mac(auditKey, head), 'hex');
  const given = Buffer.from(typeof signature === 'string' ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function mac(auditKey: string, head: UnsignedCheckpoint): string {
  const { seq, hash, count, legacyRecords, at } = head;
  return createHmac('sha256', auditKey).update(`checkpoint\n${canonicalJson({ seq, hash, count, legacyRecords, at })}`).digest('hex');
}

/** Appends a checkpoint, one JSON object a line, to the file kept outside the database. */
export function appendCheckpointFile(file: string, checkpoint: AuditCheckpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
}

/**
 * The checkpoints of a file (or of lines an auditor gathered from a SIEM), those whose signature holds
 * under `auditKey`; `forged` counts the others. A missing file has none.
 */
export function readCheckpoints(file: string, auditKey: string): { checkpoints: AuditCheckpoint[]; forged: number } {
  if (!fs.existsSync(file)) return { checkpoints: [], forged: 0 };
  const checkpoints: AuditCheckpoint[] = [];
  let forged = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let parsed: AuditCheckpoint | undefined;
    try {
      parsed = JSON.parse(line) as AuditCheckpoint;
    } catch {
      parsed = undefined;
    }
    if (parsed && checkpointSignedBy(auditKey, parsed)) checkpoints.push(parsed);
    else forged += 1;
  }
  return { checkpoints: checkpoints.sort((a, b) => a.seq - b.seq), forged };
}
