import * as path from 'node:path';
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
  /** Where generated secrets that must survive restarts are written (next to the SQLite file). */
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
    employeeDomains: (env.CRMGUARD_EMPLOYEE_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean),
    dataDir: path.dirname(path.resolve(sqliteFile)),
    identity: identityConfigFromEnv(env),
  };
}
