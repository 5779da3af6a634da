import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newSecret } from './secrets';
import type { Store } from '../store/store';

/**
 * Keys that must never sit in the database they protect: a dump of the database alone must not let
 * anyone match fingerprints or rewrite the audit chain. Each comes from its environment variable, or
 * from a file (mode 0600) next to the generated admin token, created on first start.
 */
export interface DeploymentKeys {
  /** Keys the contact fingerprints the server stores (`CRMGUARD_FINGERPRINT_KEY`, file `fingerprint-key`). */
  fingerprintKey: string;
  /** Keys the audit chain and signs its checkpoints (`CRMGUARD_AUDIT_KEY`, file `audit-key`). */
  auditKey: string;
}

export const FINGERPRINT_KEY_FILE = 'fingerprint-key';
export const AUDIT_KEY_FILE = 'audit-key';

/** The keys `config` names (from the environment), the others from their files in `dataDir`. */
export function deploymentKeys(dataDir: string, given: Partial<DeploymentKeys> = {}): DeploymentKeys {
  return {
    fingerprintKey: keyFrom(given.fingerprintKey, path.join(dataDir, FINGERPRINT_KEY_FILE), 'CRMGUARD_FINGERPRINT_KEY'),
    auditKey: keyFrom(given.auditKey, path.join(dataDir, AUDIT_KEY_FILE), 'CRMGUARD_AUDIT_KEY'),
  };
}

/** The key from the environment, else from `file`, else a new one (from `generate`) written to `file`. */
export function keyFrom(fromEnv: string | undefined, file: string, variable: string, generate: () => string = () => newSecret()): string {
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error(`${variable} must be at least 32 characters (a random secret)`);
    return fromEnv;
  }
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = generate();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // `wx`: two servers starting together on one data directory must not each write their own key.
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fs.readFileSync(file, 'utf8').trim();
  }
  return key;
}

/**
 * Refuses a key the database was not keyed with. Every server of one database must hold the same keys
 * (fingerprints stored by one must match another's; the audit chain is one chain): a server started with
 * its own generated key would silently break lineage and the chain. The database keeps only an HMAC of a
 * constant under each key, which tells keys apart and reveals nothing of them.
 */
export async function checkKeysMatchDatabase(store: Pick<Store, 'initSetting'>, keys: DeploymentKeys, dataDir: string): Promise<void> {
  const checks = [
    { setting: 'fingerprint_key_check', key: keys.fingerprintKey, variable: 'CRMGUARD_FINGERPRINT_KEY', file: FINGERPRINT_KEY_FILE },
    { setting: 'audit_key_check', key: keys.auditKey, variable: 'CRMGUARD_AUDIT_KEY', file: AUDIT_KEY_FILE },
  ];
  for (const { setting, key, variable, file } of checks) {
    const check = createHmac('sha256', key).update(`crm-guard ${setting}`).digest('hex');
    if ((await store.initSetting(setting, check)) !== check) {
      throw new Error(`${variable} (or ${path.join(dataDir, file)}) is not the key this database was first keyed with; every server of one database needs the same key: copy the first server's ${file} file or set ${variable} to it`);
    }
  }
}
