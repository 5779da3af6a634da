import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditCheckpointer } from '../../server/audit/checkpointer';
import { readCheckpoints, signCheckpoint } from '../../server/audit/checkpoint';
import { verifyAuditChain } from '../../server/audit/verify-chain';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';

const KEY = 'audit-key-of-this-test-0123456789abcdef';
const AT = '2026-11-02T10:00:00.000Z';

/**
 * Two servers on one database, each with its own checkpoint file (its own data directory): the auditor
 * verifies against both together. Either file alone can miss a truncation the other one catches.
 */
describe('audit checkpoints of several servers sharing one database', () => {
  let dir: string;
  let db: string;
  let store: Store;
  const server = (name: string) => {
    const file = path.join(dir, name, 'audit-checkpoints.jsonl');
    return { file, checkpointer: new AuditCheckpointer({ store, auditKey: KEY, file, now: () => new Date(AT), everyRecords: 4 }) };
  };
  let a: ReturnType<typeof server>;
  let b: ReturnType<typeof server>;
  const append = async (on: ReturnType<typeof server>, n: number) => {
    for (let i = 0; i < n; i++) {
      on.checkpointer.recorded(await store.appendAudit({ at: AT, actor: 'user:amy', action: 'employee.view', target: `record ${i}`, details: {} }, KEY));
      await on.checkpointer.settled();
    }
  };
  const verify = (...files: string[]) => {
    const keyFile = path.join(dir, 'audit-key');
    fs.writeFileSync(keyFile, `${KEY}\n`);
    const run = spawnSync(path.resolve('node_modules/.bin/node'), ['--import', 'tsx', 'server/audit/verify-cli.ts', '--db', db, ...files.flatMap((f) => ['--checkpoints', f]), '--key-file', keyFile], { encoding: 'utf8' });
    return { status: run.status, verdict: run.stdout ? JSON.parse(run.stdout) as Record<string, unknown> : undefined, stderr: run.stderr };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-audit-servers-'));
    db = path.join(dir, 'crm-guard.db');
    store = await openSqliteStore(db);
    a = server('server-a');
    b = server('server-b');
    // Server A writes records 1–6, then server B records 7–12: each checkpoints what it saw.
    await append(a, 6);
    await append(b, 6);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('each server keeps its own signed checkpoints of the one chain', () => {
    expect(readCheckpoints(a.file, KEY).checkpoints.map((c) => c.seq)).toEqual([4]);
    expect(readCheckpoints(b.file, KEY).checkpoints.map((c) => c.seq)).toEqual([7, 11]);
  });

  it('verifies against the set of files: intact, every checkpoint counted, each file listed', () => {
    const { status, verdict, stderr } = verify(a.file, b.file);
    expect(status, stderr).toBe(0);
    expect(verdict).toMatchObject({ ok: true, records: 12, checkpoints: 3, latestCheckpoint: { seq: 11 }, forgedCheckpoints: 0 });
    expect(verdict!.checkpointFiles).toEqual([{ file: a.file, checkpoints: 1, forged: 0, latest: 4 }, { file: b.file, checkpoints: 2, forged: 0, latest: 11 }]);
  });

  it('holds the chain against every checkpoint of a record, not the last one read', async () => {
    const genuine = readCheckpoints(a.file, KEY).checkpoints[0]!;
    // What another server signed for record 4 before the chain was rewritten under it.
    const earlier = signCheckpoint(KEY, { ...genuine, hash: 'f'.repeat(64), at: '2026-11-02T09:00:00.000Z' });
    expect(await verifyAuditChain(store, KEY, [genuine])).toMatchObject({ ok: true });
    expect(await verifyAuditChain(store, KEY, [earlier, genuine])).toMatchObject({ ok: false, broken: { seq: 4 } });
    expect(await verifyAuditChain(store, KEY, [genuine, earlier])).toMatchObject({ ok: false, broken: { seq: 4 } });
  });

  it('detects a truncation that one server’s file alone would miss', () => {
    const raw = new Database(db);
    try { raw.exec('delete from audit_log where seq > 8'); } finally { raw.close(); }
    expect(verify(a.file).status, 'server A checkpointed only up to record 4').toBe(0);
    const both = verify(a.file, b.file);
    expect(both.status).toBe(1);
    expect(both.verdict).toMatchObject({ ok: false, broken: { seq: 9 } });
  });

  it('refuses a checkpoint file that is not there (a usage error, not a pass)', () => {
    expect(verify(a.file, path.join(dir, 'server-c', 'audit-checkpoints.jsonl')).status).toBe(2);
  });
});
