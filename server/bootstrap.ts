import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashToken, newSecret } from './secrets';
import type { ServerConfig } from './config';
import type { DeploymentSecrets } from './env';
import type { Store } from './store/store';

export interface Bootstrap {
  secrets: DeploymentSecrets;
  /** The admin token to print, when it is known (from the environment or the token file). */
  adminToken?: string;
  adminTokenFile: string;
}

/**
 * First-run set-up that must survive restarts: the enrollment token and fingerprint salt live in the
 * database; a generated admin token is kept (mode 0600) in `admin-token` next to the SQLite file,
 * the way Jenkins keeps its initial admin password, and only its hash is in the database.
 */
export async function bootstrap(store: Store, config: ServerConfig): Promise<Bootstrap> {
  const enrollmentToken = config.enrollmentToken ?? (await store.initSetting('enrollment_token', newSecret('enr_')));
  const fingerprintSalt = await store.initSetting('fingerprint_salt', newSecret());

  const adminTokenFile = path.join(config.dataDir, 'admin-token');
  let adminToken = config.adminToken;
  if (!adminToken) {
    if (fs.existsSync(adminTokenFile)) adminToken = fs.readFileSync(adminTokenFile, 'utf8').trim();
    else {
      adminToken = newSecret('adm_');
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(adminTokenFile, `${adminToken}\n`, { mode: 0o600 });
    }
  }
  await store.addApiToken(hashToken(adminToken), 'admin', config.adminToken ? 'CRMGUARD_ADMIN_TOKEN' : 'generated admin');
  return { secrets: { enrollmentToken, fingerprintSalt }, adminToken, adminTokenFile };
}
