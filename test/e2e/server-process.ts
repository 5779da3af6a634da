import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import Database from 'better-sqlite3';

export const ADMIN_TOKEN = 'adm_e2e-admin-token';
export const ENROLLMENT_TOKEN = 'enr_e2e-enrollment-token';

/**
 * The real server as a process of its own (`server/index.ts`, as `npm run server` runs it) on a SQLite
 * file that outlives it, so a test can SIGKILL it mid-request and start it again on the same data.
 */
export class ServerProcess {
  url = '';
  private child: ChildProcess | undefined;

  constructor(readonly sqliteFile: string) {}

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async start(): Promise<void> {
    // Node itself with tsx as a loader, not the tsx CLI: the CLI runs the server in a child process that a SIGKILL to it would orphan.
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/index.ts')], {
      env: { ...process.env, PORT: '0', CRMGUARD_DB: this.sqliteFile, CRMGUARD_ADMIN_TOKEN: ADMIN_TOKEN, CRMGUARD_ENROLLMENT_TOKEN: ENROLLMENT_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
  }

  /** A crash: no graceful shutdown, no chance to answer what is in flight. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async api<T = unknown>(route: string): Promise<T> {
    const response = await fetch(`${this.url}${route}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Rows stored for one employee and type, read from the database file itself (the API pages at 1,000). */
  countEvents(employee: string, type: string): number {
    const db = new Database(this.sqliteFile, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM events WHERE employee = ? AND type = ?').get(employee, type) as { n: number }).n;
    } finally {
      db.close();
    }
  }
}
