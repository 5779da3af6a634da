import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashToken } from '../../server/auth/secrets';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { spawnServer, type ServerProcess } from '../integration/server-process';
import { freshSchemaUrl } from '../integration/test-stores';
import { DIR } from './bench-util';

export type Backend = 'sqlite' | 'postgres';

/** A fresh, migrated database of `backend`: the store on it, and the environment that points a server at it. */
export async function freshDatabase(backend: Backend, name: string) {
  if (backend === 'postgres') {
    const schema = freshSchemaUrl();
    const store = await openPostgresStore(schema.url);
    return { store, env: { DATABASE_URL: schema.url, CRMGUARD_DB: path.join(DIR, 'unused.db') }, drop: async () => { await store.close(); await schema.drop(); } };
  }
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const store = await openSqliteStore(file);
  return { store, env: { CRMGUARD_DB: file }, drop: async () => { await store.close(); for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true }); } };
}

export interface SimulatedDevice { employee: string; token: string }

/** `n` devices of `n` employees, enrolled straight in the database (enrolling a thousand over HTTP would meet its rate limit). */
export async function createDevices(store: Store, n: number): Promise<SimulatedDevice[]> {
  const devices: SimulatedDevice[] = [];
  for (let i = 0; i < n; i++) {
    const device = { employee: `employee.${i}@acme.example`, token: `dev_bench-${i}-${Math.random().toString(36).slice(2)}` };
    await store.createDevice({ id: `bench-${i}`, employee: device.employee, name: 'bench', extensionVersion: null, enrolledAt: new Date().toISOString(), lastSeenAt: null }, hashToken(device.token), null);
    devices.push(device);
  }
  return devices;
}

/** `server/index.ts` as its own process on the database `env` names. */
export function startBenchServer(env: { [key: string]: string | undefined }): Promise<ServerProcess> {
  return spawnServer({ ...(env as Record<string, string>), CRMGUARD_ADMIN_TOKEN: 'adm_bench', CRMGUARD_ENROLLMENT_TOKEN: 'enr_bench' });
}
