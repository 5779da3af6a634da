import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../../server/index';

export interface TestProduct {
  server: RunningServer;
  adminToken: string;
  enrollmentToken: string;
  dataDir: string;
  api<T = unknown>(route: string, init?: RequestInit): Promise<T>;
  /**
   * One event as the server stored it, read from its SQLite file: the API never returns fingerprints,
   * so this is where a test sees how many arrived (stored keyed, one for each sent).
   */
  storedEvent(id: string): Record<string, any>;
  /** Stops the server and keeps its data, as a crash or restart would. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** The real server (server/index.ts) on a random loopback port with a fresh SQLite file. */
export async function startProduct(options: { port?: number; dataDir?: string } = {}): Promise<TestProduct> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-e2e-'));
  const adminToken = 'adm_e2e-admin-token';
  const enrollmentToken = 'enr_e2e-enrollment-token';
  const server = await startServer({
    port: options.port ?? 0,
    host: '127.0.0.1',
    sqliteFile: path.join(dataDir, 'crm-guard.db'),
    adminToken,
    enrollmentToken,
    dataDir,
  });
  return {
    server,
    adminToken,
    enrollmentToken,
    dataDir,
    async api<T>(route: string, init: RequestInit = {}) {
      const response = await fetch(`${server.url}${route}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, ...init.headers } });
      if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    storedEvent(id: string) {
      const db = new Database(path.join(dataDir, 'crm-guard.db'), { readonly: true });
      try {
        const row = db.prepare('select body from events where id = ?').get(id) as { body: string } | undefined;
        if (!row) throw new Error(`no stored event ${id}`);
        return JSON.parse(row.body) as Record<string, any>;
      } finally {
        db.close();
      }
    },
    stop: () => server.close(),
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the extension exactly as `npm start` does (build variables), into a folder of its own. */
export function buildExtension(vars: { serverUrl: string; enrollmentToken: string; employee: string }, browser: 'chrome' | 'firefox' = 'chrome', more: Record<string, string> = {}): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-ext-'));
  execFileSync(path.resolve('node_modules/.bin/wxt'), ['build', '-b', browser], {
    stdio: 'pipe',
    env: {
      ...process.env,
      CRMGUARD_OUT_DIR: outDir,
      CRMGUARD_SERVER_URL: vars.serverUrl,
      CRMGUARD_ENROLLMENT_TOKEN: vars.enrollmentToken,
      CRMGUARD_EMPLOYEE: vars.employee,
      ...more,
    },
  });
  return path.join(outDir, browser === 'firefox' ? 'firefox-mv2' : 'chrome-mv3');
}

/** Polls until `check` returns a value, or fails with the last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
