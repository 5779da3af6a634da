import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditCheckpointer } from '../../server/audit/checkpointer';
import { readCheckpoints } from '../../server/audit/checkpoint';
import { verifyAuditChain } from '../../server/audit/verify-chain';
import { legacyAuditHash, GENESIS_HASH } from '../../server/store/audit-chain';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { verifyWebhook } from '../../server/integrations/webhook';
import { DeliveryDispatcher } from '../../server/integrations/dispatcher';
import { Metrics } from '../../server/metrics';
import { httpReceiver } from './receivers';

/** SQLite only: the attacks edit the database file directly, as someone with a dump or shell access would. */
const KEY = 'audit-key-of-this-test-0123456789abcdef';
const AT = '2026-11-02T10:00:00.000Z';

describe('an audit log whose truncation, removal and rewriting are detected', () => {
  let dir: string;
  let file: string;
  let checkpointFile: string;
  let store: Store;
  let checkpointer: AuditCheckpointer;

  const append = async (action: string, target: string) => {
    const record = await store.appendAudit({ at: AT, actor: 'user:amy', action, target, details: { n: 1 } }, KEY);
    checkpointer.recorded(record);
    await checkpointer.settled();
  };
  const verify = () => verifyAuditChain(store, KEY, readCheckpoints(checkpointFile, KEY).checkpoints);
  const raw = (statement: string) => {
    const db = new Database(file);
    try { db.exec(statement); } finally { db.close(); }
  };
  /** What an attacker without the key can do: rebuild every hash after removing rows, unkeyed. */
  const rebuildChainWithoutKey = () => {
    const db = new Database(file);
    try {
      const rows = db.prepare('select * from audit_log order by seq').all() as { seq: number; at: string; actor: string; action: string; target: string; details: string }[];
      db.exec('delete from audit_log');
      let prev = GENESIS_HASH;
      rows.forEach((row, i) => {
        const fields = { ...row, seq: i + 1, details: JSON.parse(row.details) as Record<string, unknown> };
        const hash = legacyAuditHash(prev, fields);
        db.prepare('insert into audit_log (seq, at, actor, action, target, details, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)').run(fields.seq, row.at, row.actor, row.action, row.target, row.details, prev, hash);
        prev = hash;
      });
    } finally { db.close(); }
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-audit-tamper-'));
    file = path.join(dir, 'crm-guard.db');
    checkpointFile = path.join(dir, 'audit-checkpoints.jsonl');
    store = await openSqliteStore(file);
    checkpointer = new AuditCheckpointer({ store, auditKey: KEY, file: checkpointFile, now: () => new Date(AT), everyRecords: 5 });
    for (let i = 0; i < 4; i++) await append('employee.view', `Employee ${i}`);
    for (let i = 0; i < 6; i++) await append('export.alerts', `alerts ${i}`);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checkpoints every N records into the file, signed; an intact chain verifies against them', async () => {
    const { checkpoints, forged } = readCheckpoints(checkpointFile, KEY);
    expect(checkpoints.map((c) => c.seq)).toEqual([5, 10]);
    expect(forged).toBe(0);
    expect(await verify()).toMatchObject({ ok: true, records: 10, legacyRecords: 0, checkpoints: 2, latestCheckpoint: { seq: 10 } });
  });

  it('checkpoints when M minutes passed since the last one, even short of N records', async () => {
    let now = Date.parse(AT);
    checkpointer = new AuditCheckpointer({ store, auditKey: KEY, file: checkpointFile, now: () => new Date(now), everyRecords: 1000, everyMs: 15 * 60_000 });
    await append('employee.view', 'soon after');
    expect(readCheckpoints(checkpointFile, KEY).checkpoints.map((c) => c.seq)).toEqual([5, 10]);
    now += 16 * 60_000;
    await append('employee.view', 'a quarter of an hour later');
    expect(readCheckpoints(checkpointFile, KEY).checkpoints.map((c) => c.seq)).toEqual([5, 10, 12]);
  });

  it('detects the last records deleted (truncation)', async () => {
    raw('delete from audit_log where seq > 7');
    expect(await verify()).toMatchObject({ ok: false, records: 7, broken: { seq: 8, reason: expect.stringContaining('removed') } });
  });

  it('detects records deleted and the chain rebuilt without the key', async () => {
    raw("delete from audit_log where action = 'employee.view'");
    rebuildChainWithoutKey();
    expect(await verify()).toMatchObject({ ok: false, broken: { reason: expect.stringMatching(/rewritten|unkeyed|removed/) } });
  });

  it('detects a record rewritten in place', async () => {
    raw("update audit_log set target = 'someone else' where seq = 3");
    expect(await verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('changed') } });
  });

  it('refuses a checkpoint line not signed with the audit key', async () => {
    const forged = { seq: 3, hash: 'f'.repeat(64), count: 3, legacyRecords: 0, at: AT, signature: 'a'.repeat(64) };
    fs.appendFileSync(checkpointFile, `${JSON.stringify(forged)}\n`);
    expect(readCheckpoints(checkpointFile, KEY)).toMatchObject({ forged: 1 });
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 2 });
  });

  it('keeps a chain begun before it was keyed verifiable, and marks where the key starts', async () => {
    raw('delete from audit_log');
    fs.rmSync(checkpointFile);
    checkpointer = new AuditCheckpointer({ store, auditKey: KEY, file: checkpointFile, now: () => new Date(AT), everyRecords: 5 });
    for (let i = 0; i < 3; i++) await append('employee.view', `old ${i}`);
    rebuildChainWithoutKey(); // the three records as an older version wrote them: unkeyed
    for (let i = 0; i < 3; i++) await append('employee.view', `new ${i}`);
    expect(await verify()).toMatchObject({ ok: true, records: 6, legacyRecords: 3, checkpoints: 1 });
    // An unkeyed record after a keyed one is never accepted.
    raw("update audit_log set target = 'x' where seq = 6");
    expect((await verify()).ok).toBe(false);
  });

  it('sends every checkpoint to the configured outputs', async () => {
    const webhook = await httpReceiver();
    try {
      await store.setSetting('integrations', JSON.stringify({ webhook: { enabled: true, url: webhook.url, secret: 'whsec_0123456789abcdef' } }));
      for (let i = 0; i < 5; i++) await append('employee.view', `more ${i}`);
      // Queued in the delivery outbox (test/integration/checkpoint-delivery.test.ts retries it); the dispatcher sends it.
      expect(await new DeliveryDispatcher({ store, now: () => new Date(AT), metrics: new Metrics() }).runOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
      expect(webhook.received).toHaveLength(1);
      const request = webhook.received[0]!;
      expect(verifyWebhook('whsec_0123456789abcdef', { signature: request.headers['x-crmguard-signature'] as string, timestamp: request.headers['x-crmguard-timestamp'] as string }, request.body, Date.parse(AT) / 1000)).toBeUndefined();
      expect(JSON.parse(request.body)).toMatchObject({ type: 'audit.checkpoint', checkpoint: { seq: 15, count: 15 } });
    } finally {
      await webhook.close();
    }
  });

  it('is verifiable by an auditor from the command line against a database copy and the checkpoints', async () => {
    const keyFile = path.join(dir, 'audit-key');
    fs.writeFileSync(keyFile, `${KEY}\n`);
    const run = () => spawnSync(path.resolve('node_modules/.bin/node'), ['--import', 'tsx', 'server/audit/verify-cli.ts', '--db', file, '--checkpoints', checkpointFile, '--key-file', keyFile], { encoding: 'utf8' });
    const intact = run();
    expect(intact.status, intact.stderr).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, records: 10 });
    raw('delete from audit_log where seq > 8');
    const truncated = run();
    expect(truncated.status).toBe(1);
    expect(JSON.parse(truncated.stdout)).toMatchObject({ ok: false, broken: { seq: 9 } });
  }, 60_000);
});
