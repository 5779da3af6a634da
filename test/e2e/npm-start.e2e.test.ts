import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { extensionReady, selectAndCopy } from './actions';
import { launchWithExtension, type LaunchedBrowser } from './browser';
import { eventually } from './product';

const EMPLOYEE = 'first.day@acme.example';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `npm start` as a person runs it: what it prints is enough to load the extension and sign in. */
describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let dir: string;
  let fixtures: FixtureServer;
  let browser: LaunchedBrowser | undefined;
  let startEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-start-'));
    fixtures = await startFixtureServer();
    startEnv = { ...process.env, PORT: String(await freePort()), CRMGUARD_DB: path.join(dir, 'db', 'crm-guard.db'), CRMGUARD_OUT_DIR: path.join(dir, 'out'), CRMGUARD_EMPLOYEE: EMPLOYEE };
    child = spawn(path.resolve('node_modules/.bin/tsx'), ['server/start.ts'], { env: startEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await eventually(async () => (output.includes('crm-guard is running') ? true : undefined), 90_000, `npm start to come up; it printed:\n${output}`);
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the dashboard, extension folder, enrollment token and sign-in; the extension it built reports to it', async () => {
    const dashboard = /Dashboard\s+(\S+)/.exec(output)?.[1];
    const adminToken = /admin token (\S+)/.exec(output)?.[1];
    const extensionDir = /Extension folder\s+(\S+)/.exec(output)?.[1];
    expect(output).toMatch(/Enrollment token\s+enr_\S+/);
    expect(output).toMatch(/Sign in with\s+user admin, password \S{20,}/);
    expect(dashboard).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(fs.existsSync(path.join(extensionDir!, 'manifest.json'))).toBe(true);

    const page = await fetch(dashboard!, { redirect: 'manual' });
    expect(page.status).toBe(302);

    browser = await launchWithExtension({ extensionPath: extensionDir!, fixturePort: fixtures.port });
    // What a person sees as "Enrolled: yes" in the popup.
    await extensionReady(browser.serviceWorker);
    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
    await selectAndCopy(crm, '#contacts-table');
    const stored = await eventually(async () => {
      // The heartbeat sent at install arrives too; this is about the copy.
      const response = await fetch(`${dashboard}v1/events?employee=${EMPLOYEE}&type=crm.copy`, { headers: { authorization: `Bearer ${adminToken}` } });
      const { events } = (await response.json()) as { events: unknown[] };
      return events.length > 0 ? events : undefined;
    }, 30_000, 'the copy to reach the server started by npm start');
    expect(stored[0]).toMatchObject({ type: 'crm.copy', employee: EMPLOYEE });
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('starts again without rebuilding an extension whose sources and configuration did not change', async () => {
    const extensionDir = /Extension folder\s+(\S+)/.exec(output)?.[1];
    expect(output).toContain('Building the extension');
    output = '';
    child = spawn(path.resolve('node_modules/.bin/tsx'), ['server/start.ts'], { env: startEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await eventually(async () => (output.includes('crm-guard is running') ? true : undefined), 30_000, `the second start to come up; it printed:\n${output}`);
    expect(output).not.toContain('Building the extension');
    expect(/Extension folder\s+(\S+)/.exec(output)?.[1]).toBe(extensionDir);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
