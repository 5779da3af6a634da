import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The heap limits `npm start` and `npm run server` give the server (package.json `config.serverNodeFlags`). */
const DEPLOYED_NODE_FLAGS = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { config: { serverNodeFlags: string } }).config.serverNodeFlags.split(' ');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `server/index.ts` in a process of its own, on a free port, configured by `env` (DATABASE_URL, tokens…).
 * Resolves once it prints the URL it listens on. It runs with the Node flags `npm run server` gives it;
 * `CRMGUARD_SERVER_NODE_ARGS` adds more (e.g. `--cpu-prof` to profile a benchmark's server). `entry` runs
 * another script the same way (a benchmark's reference server).
 */
export function spawnServer(env: Record<string, string>, timeoutMs = 60_000, entry = 'server/index.ts'): Promise<ServerProcess> {
  const flags = [...DEPLOYED_NODE_FLAGS, ...(process.env.CRMGUARD_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void stop(0); reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)); }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child, output: () => output, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`)); });
  });
}
