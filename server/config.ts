import { stateDirFor } from './startup/deployment';
import { identityConfigFromEnv, type IdentityConfig } from './identity/identity-config';

/** Server settings from the environment, with the contract's defaults. */
export interface ServerConfig {
  port: number;
  host: string;
  sqliteFile: string;
  databaseUrl?: string;
  adminToken?: string;
  enrollmentToken?: string;
  /** Only these e-mail domains may enroll; empty allows any. */
  employeeDomains?: string[];
  /** `CRMGUARD_FINGERPRINT_KEY` / `CRMGUARD_AUDIT_KEY`; unset, they are generated into `dataDir` (server/auth/deployment-keys.ts). */
  fingerprintKey?: string;
  auditKey?: string;
  /** Where this deployment's generated secrets that must survive restarts are written (`stateDirFor`). */
  dataDir: string;
  /** OpenID Connect, SCIM and trusted proxies. */
  identity?: IdentityConfig;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const sqliteFile = env.CRMGUARD_DB || 'data/crm-guard.db';
  const port = Number(env.PORT || 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    sqliteFile,
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.CRMGUARD_ADMIN_TOKEN || undefined,
    enrollmentToken: env.CRMGUARD_ENROLLMENT_TOKEN || undefined,
    fingerprintKey: env.CRMGUARD_FINGERPRINT_KEY || undefined,
    auditKey: env.CRMGUARD_AUDIT_KEY || undefined,
    employeeDomains: (env.CRMGUARD_EMPLOYEE_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean),
    dataDir: stateDirFor(sqliteFile, env.DATABASE_URL || undefined),
    identity: identityConfigFromEnv(env),
  };
}
