import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the extension build reads besides its sources: a change here rebuilds too. */
const BUILD_INPUTS = ['extension', 'shared', 'wxt.config.ts', 'package-lock.json'];

export interface ExtensionBuild {
  /** The unpacked extension to load. */
  dir: string;
  /** False when the folder already held a build of the same sources and configuration. */
  rebuilt: boolean;
}

/**
 * Builds the Chrome extension configured for one server into `outDir`, unless the folder already holds a
 * build of the same sources and the same build variables: a restart of `npm start` then starts in a second,
 * not after a nine-second build.
 */
export function buildExtension(outDir: string, variables: Record<string, string>): ExtensionBuild {
  const dir = path.resolve(outDir, 'chrome-mv3');
  const stampFile = path.resolve(outDir, 'chrome-mv3.build-stamp');
  const stamp = buildStamp(variables);
  if (fs.existsSync(path.join(dir, 'manifest.json')) && readStamp(stampFile) === stamp) return { dir, rebuilt: false };
  console.log(`Building the extension for ${variables.CRMGUARD_SERVER_URL} …`);
  const build = spawnSync('wxt', ['build'], { stdio: 'inherit', env: { ...process.env, ...variables, CRMGUARD_OUT_DIR: outDir } });
  if (build.status !== 0) throw new Error(`the extension build failed (wxt build exited with ${build.status ?? build.signal}); see its output above`);
  fs.writeFileSync(stampFile, `${stamp}\n`);
  return { dir, rebuilt: true };
}

/** A hash of every build input's path, size and content, and of the variables baked in. */
export function buildStamp(variables: Record<string, string>): string {
  const hash = createHash('sha256').update(JSON.stringify(Object.entries(variables).sort()));
  for (const input of BUILD_INPUTS) {
    for (const file of filesUnder(input)) hash.update(file).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function filesUnder(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs.readdirSync(entry, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(entry, name))
    .filter((file) => fs.statSync(file).isFile())
    .sort();
}

function readStamp(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}
