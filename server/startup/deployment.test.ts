import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../auth/bootstrap';
import { configFromEnv } from '../config';
import { openSqliteStore } from '../store/sqlite';
import { claimStateDir, databaseIdentity, extensionOutDir, stateDirFor } from './deployment';
import { buildStamp } from './extension-build';

describe('one deployment never overwrites another', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-deployments-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('keeps the contract default where it always was, and gives any other database a folder of its own', () => {
    expect(stateDirFor('data/crm-guard.db')).toBe(path.resolve('data'));
    const other = stateDirFor('data/other.db');
    const postgres = stateDirFor('data/crm-guard.db', 'postgres://crm:s3cret@db.internal:5433/crm?schema=eu');
    const postgresUs = stateDirFor('data/crm-guard.db', 'postgres://crm:s3cret@db.internal:5433/crm?schema=us');
    expect(new Set([path.resolve('data'), other, postgres, postgresUs]).size).toBe(4);
    for (const d of [other, postgres, postgresUs]) expect(path.dirname(d)).toBe(path.resolve('data', 'deployments'));
    expect(postgres).not.toContain('s3cret');
    expect(databaseIdentity('x.db', 'postgres://crm:s3cret@db.internal/crm')).toBe('PostgreSQL db.internal:5432/crm');
  });

  it('builds the default deployment into .output and every other database or port into its own folder', () => {
    expect(extensionOutDir({}, 'data/crm-guard.db', 8787)).toBe('.output');
    const otherPort = extensionOutDir({}, 'data/crm-guard.db', 9000);
    const postgres = extensionOutDir({ DATABASE_URL: 'postgres://db/crm' }, 'data/crm-guard.db', 8787);
    expect(otherPort).toMatch(/^\.output\/deployments\/.+-9000$/);
    expect(new Set(['.output', otherPort, postgres]).size).toBe(3);
    expect(extensionOutDir({ CRMGUARD_OUT_DIR: '/tmp/mine' }, 'data/crm-guard.db', 9000)).toBe('/tmp/mine');
  });

  it('refuses a folder that another database claimed', () => {
    claimStateDir(dir, 'SQLite /srv/a/crm-guard.db');
    claimStateDir(dir, 'SQLite /srv/a/crm-guard.db');
    expect(() => claimStateDir(dir, 'PostgreSQL db:5432/crm')).toThrow(/holds the secrets of another deployment \(SQLite \/srv\/a\/crm-guard\.db\), not of PostgreSQL db:5432\/crm/);
    fs.writeFileSync(path.join(dir, 'deployment.json'), 'not json');
    expect(() => claimStateDir(dir, 'SQLite /srv/a/crm-guard.db')).toThrow(/not readable deployment state/);
  });

  it('a second deployment started from the same folder keeps the first one\'s admin password and token', async () => {
    const first = configFromEnv({ CRMGUARD_DB: path.join(dir, 'crm-guard.db') });
    const second = configFromEnv({ CRMGUARD_DB: path.join(dir, 'second.db') });
    const firstStore = await openSqliteStore(first.sqliteFile);
    const secondStore = await openSqliteStore(second.sqliteFile);
    try {
      const a = await bootstrap(firstStore, first);
      const b = await bootstrap(secondStore, second);
      expect(a.adminPassword).toBeTruthy();
      expect(b.adminPassword).toBeTruthy();
      expect(b.adminPassword).not.toBe(a.adminPassword);
      expect(fs.readFileSync(path.join(dir, 'admin-password'), 'utf8').trim()).toBe(a.adminPassword);
      expect(fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim()).toBe(a.adminToken);
      expect(a.adminToken).toMatch(/^adm_/);
      expect(fs.statSync(path.join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
      expect(path.dirname(b.adminPasswordFile)).toBe(second.dataDir);
      // Restarting the first deployment reads its own secrets again.
      expect((await bootstrap(firstStore, first)).adminToken).toBe(a.adminToken);
    } finally {
      await firstStore.close();
      await secondStore.close();
    }
  });

  it('refuses a second server whose fingerprint or audit key is not the one the database was keyed with', async () => {
    const file = path.join(dir, 'crm-guard.db');
    const store = await openSqliteStore(file);
    try {
      const key = (c: string) => c.repeat(40);
      await bootstrap(store, configFromEnv({ CRMGUARD_DB: file, CRMGUARD_FINGERPRINT_KEY: key('f'), CRMGUARD_AUDIT_KEY: key('a') }));
      await bootstrap(store, configFromEnv({ CRMGUARD_DB: file, CRMGUARD_FINGERPRINT_KEY: key('f'), CRMGUARD_AUDIT_KEY: key('a') }));
      await expect(bootstrap(store, configFromEnv({ CRMGUARD_DB: file, CRMGUARD_FINGERPRINT_KEY: key('g'), CRMGUARD_AUDIT_KEY: key('a') })))
        .rejects.toThrow(/CRMGUARD_FINGERPRINT_KEY .* is not the key this database was first keyed with/);
      await expect(bootstrap(store, configFromEnv({ CRMGUARD_DB: file, CRMGUARD_FINGERPRINT_KEY: key('f'), CRMGUARD_AUDIT_KEY: key('b') })))
        .rejects.toThrow(/CRMGUARD_AUDIT_KEY .* is not the key/);
    } finally {
      await store.close();
    }
  });

  it('rebuilds the extension when a baked-in variable changes, not otherwise', () => {
    const vars = { CRMGUARD_SERVER_URL: 'http://127.0.0.1:8787', CRMGUARD_ENROLLMENT_TOKEN: 'enr_a', CRMGUARD_EMPLOYEE: '' };
    expect(buildStamp(vars)).toBe(buildStamp({ ...vars }));
    expect(buildStamp({ ...vars, CRMGUARD_SERVER_URL: 'http://127.0.0.1:9000' })).not.toBe(buildStamp(vars));
  });
});
