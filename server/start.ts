import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { bootstrap, FIRST_ADMIN } from './auth/bootstrap';
import { configFromEnv } from './config';
import { startServer } from './index';
import { openStore } from './store/open-store';

/**
 * `npm start`: builds the extension pre-configured for this server (its URL and enrollment token baked
 * in as build variables), then serves, and prints what a person needs to try it.
 */
const config = configFromEnv();
const store = await openStore(config);
const { secrets } = await bootstrap(store, config);
await store.close();

const serverUrl = process.env.CRMGUARD_SERVER_URL || `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
console.log(`Building the extension for ${serverUrl} …`);
const build = spawnSync('wxt', ['build'], {
  stdio: 'inherit',
  env: { ...process.env, CRMGUARD_SERVER_URL: serverUrl, CRMGUARD_ENROLLMENT_TOKEN: secrets.enrollmentToken },
});
if (build.status !== 0) {
  console.error('The extension build failed; the server is not started.');
  process.exit(build.status ?? 1);
}

const running = await startServer(config);
const extensionDir = path.resolve(process.env.CRMGUARD_OUT_DIR ?? '.output', 'chrome-mv3');
console.log(`
crm-guard is running.

  Dashboard         ${running.url}/
  Sign in with      ${running.boot.adminPassword ? `user ${FIRST_ADMIN}, password ${running.boot.adminPassword} (kept in ${running.boot.adminPasswordFile} until you delete it)` : 'your account'}
                    or the admin token ${running.boot.adminToken} (kept in ${running.boot.adminTokenFile}${config.adminToken ? '; set by CRMGUARD_ADMIN_TOKEN' : ''})
  Extension folder  ${extensionDir}
                    load it at chrome://extensions → Developer mode → Load unpacked
  Enrollment token  ${secrets.enrollmentToken}
  Database          ${config.databaseUrl ? 'PostgreSQL' : `SQLite ${path.resolve(config.sqliteFile)}`}

The extension reports as the browser profile's signed-in user; without one, set your e-mail on its options page
(or build with CRMGUARD_EMPLOYEE=you@company.com). Stop with Ctrl+C.
`);
