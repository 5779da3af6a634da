import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The contract's defaults: `npm start` with nothing set is this deployment. */
const DEFAULT_SQLITE_FILE = 'data/crm-guard.db';
const DEFAULT_PORT = 8787;

/** Which database a deployment is, in words safe to print and store (never a password). */
export function databaseIdentity(sqliteFile: string, databaseUrl?: string): string {
  if (!databaseUrl) return `SQLite ${path.resolve(sqliteFile)}`;
  try {
    const u = new URL(databaseUrl);
    const schema = u.searchParams.get('schema') ?? /search_path=(\w+)/.exec(u.searchParams.get('options') ?? '')?.[1];
    return `PostgreSQL ${u.hostname}:${u.port || '5432'}${u.pathname || '/'}${schema ? ` schema ${schema}` : ''}`;
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}

/**
 * Where a deployment keeps the secrets it generates (admin token, first admin password). A SQLite file
 * named `crm-guard.db` owns its folder, as it always has; any other database gets a folder of its own
 * beside it, named after it, so a second deployment started from the same checkout never overwrites the
 * first one's secrets.
 */
export function stateDirFor(sqliteFile: string, databaseUrl?: string): string {
  const dir = path.dirname(path.resolve(sqliteFile));
  if (!databaseUrl && path.basename(sqliteFile) === 'crm-guard.db') return dir;
  return path.join(dir, 'deployments', slugOf(databaseIdentity(sqliteFile, databaseUrl)));
}

/**
 * Where `npm start` builds this deployment's extension: the contract's `.output` for the default
 * deployment, a folder per database and port for any other, so an extension already loaded for one server
 * never silently starts naming another.
 */
export function extensionOutDir(env: NodeJS.ProcessEnv, sqliteFile: string, port: number): string {
  if (env.CRMGUARD_OUT_DIR) return env.CRMGUARD_OUT_DIR;
  const isDefault = !env.DATABASE_URL && path.resolve(sqliteFile) === path.resolve(DEFAULT_SQLITE_FILE) && port === DEFAULT_PORT;
  if (isDefault) return '.output';
  return path.join('.output', 'deployments', `${slugOf(databaseIdentity(sqliteFile, env.DATABASE_URL))}-${port}`);
}

/**
 * Claims `dir` for this database: the first start writes `deployment.json`; a later start with another
 * database finds it and is refused, instead of reading (or overwriting) another deployment's admin secrets.
 */
export function claimStateDir(dir: string, identity: string): void {
  const marker = path.join(dir, 'deployment.json');
  if (fs.existsSync(marker)) {
    const owner = readOwner(marker);
    if (owner !== identity) {
      throw new Error(`${dir} holds the secrets of another deployment (${owner}), not of ${identity}; start with that database, or give this one its own CRMGUARD_DB folder`);
    }
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(marker, `${JSON.stringify({ database: identity }, null, 2)}\n`, { mode: 0o600 });
}

function readOwner(marker: string): string {
  try {
    const owner = (JSON.parse(fs.readFileSync(marker, 'utf8')) as { database?: unknown }).database;
    if (typeof owner === 'string') return owner;
  } catch {
    // Reported below as unreadable.
  }
  throw new Error(`${marker} is not readable deployment state; remove it only if you know which database this folder belongs to`);
}

/** A readable folder name with a short hash, so two databases never share one. */
function slugOf(identity: string): string {
  const words = identity.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(-40).replace(/^-/, '');
  return `${words}-${createHash('sha256').update(identity).digest('hex').slice(0, 8)}`;
}
