/**
 * `npm run test:postgres`: the integration tests again, each app on a fresh PostgreSQL schema
 * (`CRMGUARD_TEST_BACKEND=postgres`, see harness.ts). Where no server answers, says so and passes,
 * so `npm test` still works on a machine without PostgreSQL. Extra arguments go to vitest.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { postgresSkipNotice, postgresUnavailable } from './test-stores';

const unavailable = await postgresUnavailable();
if (unavailable) {
  console.warn(postgresSkipNotice('test:postgres', unavailable));
  process.exit(0);
}

// vitest on the same Node that runs this script (the project's Node 24, under npm).
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const run = spawn(process.execPath, [vitest, 'run', '--project', 'unit', 'test/integration', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CRMGUARD_TEST_BACKEND: 'postgres' },
});
run.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
