import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { hashPassword } from './passwords';
import { hashToken, newSecret } from './secrets';
import { checkKeysMatchDatabase, deploymentKeys, keyFrom } from './deployment-keys';
import type { ServerConfig } from '../config';
import type { DeploymentSecrets } from '../env';
import type { Store } from '../store/store';
import { claimStateDir, databaseIdentity } from '../startup/deployment';

export interface Bootstrap {
  secrets: DeploymentSecrets;
  /** The admin token to print, when it is known (from the environment or the token file). */
  adminToken?: string;
  adminTokenFile: string;
  /** The first-run admin account's password, while its file exists (delete the file once you have your own). */
  adminPassword?: string;
  adminPasswordFile: string;
}

/** The first-run administrator's username. */
export const FIRST_ADMIN = 'admin';

/**
 * First-run set-up that must survive restarts: the enrollment token and fingerprint salt live in the
 * database; the keys that protect the database's content live outside it (server/auth/deployment-keys.ts); a
 * generated admin token is kept (mode 0600) in `admin-token` in the deployment's own folder,
 * the way Jenkins keeps its initial admin password, and only its hash is in the database.
 */
export async function bootstrap(store: Store, config: ServerConfig): Promise<Bootstrap> {
  claimStateDir(config.dataDir, databaseIdentity(config.sqliteFile, config.databaseUrl));
  const enrollmentToken = config.enrollmentToken ?? (await store.initSetting('enrollment_token', newSecret('enr_')));
  const fingerprintSalt = await store.initSetting('fingerprint_salt', newSecret());

  const adminTokenFile = path.join(config.dataDir, 'admin-token');
  // The same exists-or-create as the deployment keys, so two servers starting together keep one token.
  const adminToken = config.adminToken ?? keyFrom(undefined, adminTokenFile, 'CRMGUARD_ADMIN_TOKEN', () => newSecret('adm_'));
  await store.addApiToken(hashToken(adminToken), 'admin', config.adminToken ? 'CRMGUARD_ADMIN_TOKEN' : 'generated admin');
  const adminPasswordFile = path.join(config.dataDir, 'admin-password');
  const adminPassword = await firstAdminAccount(store, adminPasswordFile);
  const keys = deploymentKeys(config.dataDir, { fingerprintKey: config.fingerprintKey, auditKey: config.auditKey });
  await checkKeysMatchDatabase(store, keys, config.dataDir);
  return { secrets: { enrollmentToken, fingerprintSalt, ...keys }, adminToken, adminTokenFile, adminPassword, adminPasswordFile };
}

/**
 * With no account yet, creates `admin` with a random password kept (mode 0600) in `admin-password`.
 * Several servers may start together on one PostgreSQL: only the one whose insert wins writes the file.
 */
async function firstAdminAccount(store: Store, file: string): Promise<string | undefined> {
  if ((await store.listUsers()).length === 0) {
    const password = newSecret().slice(0, 24);
    const created = await store.createUser({
      id: randomUUID(), username: FIRST_ADMIN, role: 'admin', passwordHash: await hashPassword(password),
      createdAt: new Date().toISOString(), createdBy: 'first start',
    });
    if (created) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
    }
  }
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}
