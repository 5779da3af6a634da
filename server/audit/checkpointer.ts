import type { AuditRecord, Store } from '../store/store';
import { appendCheckpointFile, readCheckpoints, signCheckpoint, type AuditCheckpoint } from './checkpoint';
import { queueCheckpoint } from './checkpoint-outputs';
import { verifyAuditChain } from './verify-chain';

/** The file, in the data directory next to the admin token, that keeps every checkpoint. */
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/** A checkpoint every this many records… */
export const CHECKPOINT_EVERY_RECORDS = 100;
/** …or at the first record this long after the last one (and on the server's timer, see server/index.ts). */
export const CHECKPOINT_EVERY_MS = 15 * 60_000;

export interface CheckpointerOptions {
  store: Store;
  auditKey: string;
  /** The file outside the database the checkpoints are appended to; without one they only go to the outputs. */
  file?: string;
  now: () => Date;
  everyRecords?: number;
  everyMs?: number;
}

/**
 * Takes the audit chain's checkpoints: after every `everyRecords` records, or when `everyMs` passed
 * since the last one and the chain has grown. Each is signed, appended to the file and queued in the
 * delivery outbox for every configured output (retried until delivered, server/integrations/dispatcher.ts).
 */
export class AuditCheckpointer {
  private last: { seq: number; at: number } | undefined;
  private legacyRecords: number | undefined;
  private running: Promise<AuditCheckpoint | undefined> | undefined;

  constructor(private readonly options: CheckpointerOptions) {}

  /** The checkpoints kept in the file, with valid signatures. */
  checkpoints(): AuditCheckpoint[] {
    return this.options.file ? readCheckpoints(this.options.file, this.options.auditKey).checkpoints : [];
  }

  /**
   * Called after each append; starts a checkpoint when one is due. The request that wrote the record
   * does not wait for it: a slow SIEM must not hold up the console. `settled()` waits for it.
   */
  recorded(record: AuditRecord): void {
    const last = this.lastCheckpoint();
    const { everyRecords = CHECKPOINT_EVERY_RECORDS, everyMs = CHECKPOINT_EVERY_MS } = this.options;
    if (!last) this.last = { seq: 0, at: this.options.now().getTime() };
    const since = this.last!;
    if (record.seq - since.seq >= everyRecords || this.options.now().getTime() - since.at >= everyMs) {
      void this.checkpoint().catch((error) => console.error(`audit checkpoint after record ${record.seq} failed`, error));
    }
  }

  /** Waits for the checkpoint being taken, if any. */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Takes a checkpoint now if the chain grew since the last one (the server's timer calls this). */
  async checkpoint(): Promise<AuditCheckpoint | undefined> {
    this.running ??= this.take().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async take(): Promise<AuditCheckpoint | undefined> {
    const { store, auditKey, file, now } = this.options;
    const [head] = await store.listAudit({ limit: 1 });
    if (!head || head.seq <= (this.lastCheckpoint()?.seq ?? 0)) return undefined;
    // How many unkeyed records the chain starts with is fixed once it is keyed: counted once a process.
    this.legacyRecords ??= (await verifyAuditChain(store, auditKey)).legacyRecords;
    const checkpoint = signCheckpoint(auditKey, { seq: head.seq, hash: head.hash, count: head.seq, legacyRecords: this.legacyRecords, at: now().toISOString() });
    if (file) appendCheckpointFile(file, checkpoint);
    this.last = { seq: checkpoint.seq, at: now().getTime() };
    await queueCheckpoint(store, checkpoint, now());
    return checkpoint;
  }

  private lastCheckpoint() {
    if (!this.last) {
      const newest = this.checkpoints().at(-1);
      if (newest) this.last = { seq: newest.seq, at: Date.parse(newest.at) };
    }
    return this.last;
  }
}
