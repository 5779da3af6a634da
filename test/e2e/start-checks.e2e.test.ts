import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The node flags `npm start` and `npm run server` use (package.json's config.serverNodeFlags). */
const NODE_FLAGS = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { config: { serverNodeFlags: string } }).config.serverNodeFlags.split(' ');

interface Run { code: number | null; output: string; ms: number }

/** Runs an entry as npm does and waits for it to end (a start that does not end is killed after 20 s). */
function run(entry: 'server/start.ts' | 'server/index.ts', env: Record<string, string>): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => child.once('exit', (code) => {
    clearTimeout(killer);
    resolve({ code, output, ms: performance.now() - started });
  }));
}

/** One line naming the problem, exit 1, within 2 s, no stack trace and nothing built. */
function expectRefusal(result: Run, line: RegExp) {
  expect(result.output.trim().split('\n')).toEqual([expect.stringMatching(line)]);
  expect(result.output).not.toMatch(/^\s+at /m);
  expect(result.code).toBe(1);
  expect(result.ms).toBeLessThan(2_000);
}

describe('npm start and npm run server refuse a bad start at once', () => {
  let dir: string;
  let busy: net.Server;
  let busyPort: number;
  let freePort: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-checks-'));
    busy = net.createServer();
    busyPort = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as net.AddressInfo).port)));
    const probe = net.createServer();
    freePort = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)));
    await new Promise((resolve) => probe.close(resolve));
    env = { CRMGUARD_DB: path.join(dir, 'data', 'crm-guard.db'), CRMGUARD_OUT_DIR: path.join(dir, 'out'), DATABASE_URL: '', PORT: String(freePort) };
    // A cold tsx cache on a fresh clone is not what a person waits for on the second start.
    await run('server/index.ts', { ...env, PORT: String(busyPort) });
  });

  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a busy port: npm start ends before building anything', async () => {
    expectRefusal(await run('server/start.ts', { ...env, PORT: String(busyPort) }), new RegExp(`^crm-guard: port ${busyPort} on 127\\.0\\.0\\.1 is already in use.*set PORT`));
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('a busy port: npm run server', async () => {
    expectRefusal(await run('server/index.ts', { ...env, PORT: String(busyPort) }), /^crm-guard: port \d+ .* already in use/);
  });

  it('a DATABASE_URL that is not PostgreSQL, or not a URL', async () => {
    expectRefusal(await run('server/start.ts', { ...env, DATABASE_URL: 'mysql://root:secret@db/crm' }), /^crm-guard: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL, got a mysql: URL/);
    const unparsable = await run('server/index.ts', { ...env, DATABASE_URL: 'postgres://user:p@ss word@db:port/crm' });
    expectRefusal(unparsable, /^crm-guard: DATABASE_URL is not a valid URL/);
    // The password is never repeated.
    expect(unparsable.output).not.toContain('ss word');
  });

  it('a PostgreSQL server that refuses the connection', async () => {
    expectRefusal(await run('server/start.ts', { ...env, DATABASE_URL: `postgres://crm:secret@127.0.0.1:${freePort}/crm` }), /^crm-guard: PostgreSQL at 127\.0\.0\.1:\d+ (refused the connection|is unreachable|did not answer)/);
  });

  it('a CRMGUARD_DB that is not a SQLite database, or is a folder', async () => {
    const notDb = path.join(dir, 'contacts.csv');
    fs.writeFileSync(notDb, 'EmailAddress\nann@acme.example\n');
    expectRefusal(await run('server/start.ts', { ...env, CRMGUARD_DB: notDb }), /^crm-guard: .*contacts\.csv is not a SQLite database; set CRMGUARD_DB/);
    expectRefusal(await run('server/index.ts', { ...env, CRMGUARD_DB: dir }), /^crm-guard: CRMGUARD_DB .* is a folder/);
    expect(fs.readFileSync(notDb, 'utf8')).toBe('EmailAddress\nann@acme.example\n');
  });

  it('a PORT that is not a port', async () => {
    expectRefusal(await run('server/start.ts', { ...env, PORT: '87a7' }), /^crm-guard: PORT must be a port number, got "87a7"/);
  });
});
