import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type RunningServer } from '../../server/index';

export interface TestProduct {
  server: RunningServer;
  adminToken: string;
  enrollmentToken: string;
  dataDir: string;
  api<T = unknown>(route: string, init?: RequestInit): Promise<T>;
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
    stop: () => server.close(),
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the extension exactly as `npm start` does (build variables), into a folder of its own. */
export function buildExtension(vars: { serverUrl: string; enrollmentToken: string; employee: string }, more: Record<string, string> = {}): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-ext-'));
  execFileSync(path.resolve('node_modules/.bin/wxt'), ['build'], {
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
  return path.join(outDir, 'chrome-mv3');
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
