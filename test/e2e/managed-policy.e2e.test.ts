import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../../shared/extension-key';
import { startFixtureServer } from '../fixtures/server';
import { extensionReady } from './actions';
import { launchWithExtension } from './browser';
import { buildExtension, startProduct } from './product';

const POLICY_DIR = '/etc/chromium/policies/managed';
const EMPLOYEE = 'managed.user@acme.example';
const isRoot = process.getuid?.() === 0;

/**
 * Managed deployment, for real: an extension built with no configuration at all picks its server,
 * enrollment token and employee from a Chromium managed policy (the 3rdparty block for its stable id).
 * Chromium on this machine reads /etc/chromium/policies/managed, which only root may write; every other
 * Chromium started meanwhile sees the file too, so it exists only from launch until enrollment.
 */
describe.skipIf(!isRoot)('managed policy (as root)', () => {
  it('enrolls with the server and employee the policy names', async () => {
    const product = await startProduct();
    const fixtures = await startFixtureServer();
    const extensionPath = buildExtension({ serverUrl: '', enrollmentToken: '', employee: '' });
    expect(JSON.parse(fs.readFileSync(path.join(extensionPath, 'manifest.json'), 'utf8')).key).toBeTruthy();
    const policyFile = path.join(POLICY_DIR, `crm-guard-e2e-${process.pid}.json`);
    const policy = { '3rdparty': { extensions: { [EXTENSION_ID]: { serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employeeEmail: EMPLOYEE } } } };
    let browser: Awaited<ReturnType<typeof launchWithExtension>> | undefined;
    try {
      fs.mkdirSync(POLICY_DIR, { recursive: true });
      fs.writeFileSync(policyFile, JSON.stringify(policy));
      browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port });
      expect(browser.extensionId).toBe(EXTENSION_ID);
      await extensionReady(browser.serviceWorker);
    } finally {
      fs.rmSync(policyFile, { force: true });
    }
    try {
      // @ts-expect-error: `chrome` exists in the extension's service worker.
      const device = await browser.serviceWorker.evaluate(async () => (await chrome.storage.local.get('device')).device);
      expect(device).toMatchObject({ serverUrl: product.server.url, employee: EMPLOYEE });
      const { devices } = await product.api<{ devices: Array<{ employee: string }> }>('/v1/devices');
      expect(devices.map((d) => d.employee)).toEqual([EMPLOYEE]);
    } finally {
      await browser.close();
      await fixtures.close();
      await product.close();
    }
  });
});
