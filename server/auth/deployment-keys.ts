import * as fs from 'node:fs';
import * as path from 'node:path';
import { newSecret } from './secrets';

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

/** The key from the environment, else from `file`, else a new one written to `file`. */
export function keyFrom(fromEnv: string | undefined, file: string, variable: string): string {
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error(`${variable} must be at least 32 characters (a random secret)`);
    return fromEnv;
  }
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = newSecret();
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
