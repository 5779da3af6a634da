import * as path from 'node:path';
import { FIRST_ADMIN } from './auth/bootstrap';
import { configFromEnv } from './config';
import { startServer } from './index';
import { extensionOutDir } from './startup/deployment';
import { buildExtension } from './startup/extension-build';
import { checkStart, runCommand } from './startup/preflight';

/**
 * `npm start`: checks the port and opens the database first (a mistake in either ends the start in a second
 * with one line), serves, then builds the extension pre-configured for this server (its URL and enrollment
 * token baked in as build variables) when its sources or configuration changed, and prints what a person
 * needs to try it.
 */
await runCommand(async () => {
  const config = configFromEnv();
  await checkStart(config);
  const running = await startServer(config);
  const port = Number(new URL(running.url).port);
  const serverUrl = process.env.CRMGUARD_SERVER_URL || `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  let extensionDir: string;
  try {
    extensionDir = buildExtension(extensionOutDir(process.env, config.sqliteFile, port), {
      CRMGUARD_SERVER_URL: serverUrl,
      CRMGUARD_ENROLLMENT_TOKEN: running.boot.secrets.enrollmentToken,
      CRMGUARD_EMPLOYEE: process.env.CRMGUARD_EMPLOYEE ?? '',
    }).dir;
  } catch (error) {
    await running.close();
    throw error;
  }
  const boot = running.boot;
  console.log(`
crm-guard is running.

  Dashboard         ${running.url}/
  Sign in with      ${boot.adminPassword ? `user ${FIRST_ADMIN}, password ${boot.adminPassword} (kept in ${boot.adminPasswordFile} until you delete it)` : 'your account'}
                    or the admin token ${boot.adminToken} (kept in ${boot.adminTokenFile}${config.adminToken ? '; set by CRMGUARD_ADMIN_TOKEN' : ''})
  Extension folder  ${extensionDir}
                    load it at chrome://extensions → Developer mode → Load unpacked
  Enrollment token  ${boot.secrets.enrollmentToken}
  Database          ${config.databaseUrl ? 'PostgreSQL' : `SQLite ${path.resolve(config.sqliteFile)}`}

The extension reports as the browser profile's signed-in user; without one, set your e-mail on its options page
(or build with CRMGUARD_EMPLOYEE=you@company.com). Stop with Ctrl+C.
`);
});
