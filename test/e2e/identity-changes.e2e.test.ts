import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { extensionReady } from './actions';
import { launchWithExtension, type LaunchedBrowser } from './browser';
import { buildExtension, eventually, startProduct, type TestProduct } from './product';

const FIRST = 'first@acme.example';
const SECOND = 'second@acme.example';

/**
 * A build that names no employee (the options page may fill it in): changing who the browser reports as
 * is itself reported, under both identities, so re-enrolling as a colleague cannot pass unnoticed.
 */
describe('identity changes', () => {
  let product: TestProduct;
  let fixtures: FixtureServer;
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    product = await startProduct();
    fixtures = await startFixtureServer();
    const extensionPath = buildExtension({ serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employee: '' });
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port });
  });
  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await product?.close();
  });

  const setEmployee = (employeeEmail: string) => browser.serviceWorker.evaluate(async (email) => {
    // @ts-expect-error: `chrome` exists in the extension's service worker.
    await chrome.storage.local.set({ config: { employeeEmail: email } });
  }, employeeEmail);
  const tamperEvents = async (employee: string) =>
    (await product.api<{ events: Array<Record<string, any>> }>(`/v1/events?employee=${employee}&type=agent.tamper`)).events;

  it('reports a change of identity under the previous and the new one', async () => {
    await setEmployee(FIRST);
    await extensionReady(browser.serviceWorker);
    await setEmployee(SECOND);
    const [previous, next] = await Promise.all([
      eventually(async () => (await tamperEvents(FIRST))[0], 20_000, 'the change reported under the previous identity'),
      eventually(async () => (await tamperEvents(SECOND))[0], 20_000, 'the change reported under the new identity'),
    ]);
    for (const event of [previous, next]) {
      expect(event).toMatchObject({ signal: 'identity_change' });
      expect(event.detail).toMatch(/^this browser now reports as another employee/);
    }
    const { devices } = await product.api<{ devices: Array<{ employee: string }> }>('/v1/devices');
    expect(devices.map((d) => d.employee).sort()).toEqual([FIRST, SECOND]);
  });
});
