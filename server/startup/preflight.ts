import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { ServerConfig } from '../config';

/**
 * Fails at once, before anything slow, when the port cannot be had: a busy port found after a nine-second
 * extension build (or after the store opened) left a stack trace and a build for a server that never ran.
 */
export async function checkPort(config: Pick<ServerConfig, 'host' | 'port'>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(new Error(portProblem(config, error))));
    probe.listen({ port: config.port, host: config.host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Everything a start can check in a second, before the server's modules load and before any build. */
export async function checkStart(config: ServerConfig): Promise<void> {
  checkDatabaseUrl(config);
  checkSqliteFile(config);
  await checkPort(config);
  await checkDatabaseReachable(config);
}

/** A DATABASE_URL that is not a PostgreSQL URL stops the start; the URL itself is never repeated (it may hold a password). */
export function checkDatabaseUrl(config: Pick<ServerConfig, 'databaseUrl'>): void {
  if (!config.databaseUrl) return;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(config.databaseUrl)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL, got ${scheme ? `a ${scheme}: URL` : 'no URL scheme'}; unset it to use SQLite (CRMGUARD_DB)`);
  }
  if (!URL.canParse(config.databaseUrl)) throw new Error('DATABASE_URL is not a valid URL (check its escaping: a password with @, / or # must be percent-encoded)');
}

/** Every SQLite database file starts with these 16 bytes (https://www.sqlite.org/fileformat.html). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The SQLite file must be one SQLite can open: refused here, before the driver loads, when it is a folder,
 * cannot be read, or is some other kind of file (a wrong CRMGUARD_DB pointing at a CSV, a backup archive).
 */
export function checkSqliteFile(config: Pick<ServerConfig, 'databaseUrl' | 'sqliteFile'>): void {
  if (config.databaseUrl || config.sqliteFile === ':memory:') return;
  const file = path.resolve(config.sqliteFile);
  const fix = 'set CRMGUARD_DB to a readable and writable SQLite file (a new one is created)';
  if (!fs.existsSync(file)) return;
  if (fs.statSync(file).isDirectory()) throw new Error(`CRMGUARD_DB ${file} is a folder, not a SQLite database; ${fix}`);
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r+');
    header = Buffer.alloc(SQLITE_HEADER.length);
    fs.readSync(fd, header, 0, header.length, 0);
    fs.closeSync(fd);
  } catch (error) {
    throw new Error(`cannot open the SQLite database ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${fix}`);
  }
  // An empty file is a database SQLite has not written yet.
  if (fs.statSync(file).size > 0 && !header.equals(SQLITE_HEADER)) throw new Error(`${file} is not a SQLite database; ${fix}`);
}

/**
 * A PostgreSQL server that does not answer on its port stops the start before the driver loads: a TCP
 * connection is refused in milliseconds, while the pool would wait for its connection timeout.
 */
export async function checkDatabaseReachable(config: Pick<ServerConfig, 'databaseUrl'>, timeoutMs = 1500): Promise<void> {
  if (!config.databaseUrl) return;
  const url = new URL(config.databaseUrl);
  // An empty host means a Unix socket (libpq's default); the driver reports those itself.
  if (!url.hostname) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 5432);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new Error(`PostgreSQL at ${host}:${port} ${reason}; start it, or fix the host and port in DATABASE_URL`));
    };
    socket.setTimeout(timeoutMs, () => fail(`did not answer within ${timeoutMs / 1000} s`));
    socket.once('connect', () => { socket.end(); resolve(); });
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'ECONNREFUSED' ? 'refused the connection' : `is unreachable (${error.code ?? error.message})`));
  });
}

/** One line a person can act on, for the errors listening can meet. */
export function portProblem(config: Pick<ServerConfig, 'host' | 'port'>, error: NodeJS.ErrnoException): string {
  const where = `${config.host}:${config.port}`;
  switch (error.code) {
    case 'EADDRINUSE': return `port ${config.port} on ${config.host} is already in use (another crm-guard?); stop that process or set PORT to a free port`;
    case 'EACCES': return `not allowed to listen on ${where}; set PORT to a port above 1023`;
    case 'EADDRNOTAVAIL': return `HOST ${config.host} is not an address of this machine; set HOST to one of its addresses (127.0.0.1, 0.0.0.0)`;
    case 'ENOTFOUND': case 'EAI_AGAIN': return `HOST ${config.host} does not resolve; set HOST to an address of this machine`;
    default: return `cannot listen on ${where}: ${error.message}`;
  }
}

/**
 * Runs a command-line entry: a failure prints one line (what is wrong, what to do) and exits 1, without a
 * stack trace; CRMGUARD_DEBUG=1 prints the stack too.
 */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(`crm-guard: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.CRMGUARD_DEBUG && error instanceof Error) console.error(error.stack);
    process.exit(1);
  }
}
