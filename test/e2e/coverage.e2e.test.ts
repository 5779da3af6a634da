import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './product';
import { startStack, type Stack } from './stack';

const EMPLOYEE = 'covered@acme.example';
type Device = Record<string, any>;

/**
 * Coverage and tamper, for real: the first-run notice opens on install and its acknowledgement reaches the
 * server; the heartbeat reports the version and incognito access; removing the extension reports itself.
 */
describe('coverage and tamper', () => {
  let stack: Stack;
  beforeAll(async () => { stack = await startStack(EMPLOYEE); });
  afterAll(async () => { await stack?.close(); });

  const device = async () => (await stack.product.api<{ devices: Device[] }>(`/v1/devices?employee=${EMPLOYEE}`)).devices[0];

  it('opens the first-run notice on install and reports its acknowledgement', async () => {
    const { browser } = stack;
    const welcome = await eventually(async () => browser.context.pages().find((p) => p.url().endsWith('/welcome.html')), 15_000, 'the first-run notice');
    await expect.poll(() => welcome.locator('#destinations li').count()).toBeGreaterThan(10);
    await expect(welcome.locator('h1').textContent()).resolves.toBe('What crm-guard watches');
    await welcome.click('#acknowledge');
    await expect.poll(() => welcome.locator('#acknowledged').textContent()).toMatch(/^Acknowledged on /);

    const acknowledged = await eventually(async () => {
      const d = await device();
      return d?.noticeAcknowledgedAt && d.incognitoAllowed !== null ? d : undefined;
    }, 20_000, 'the acknowledgement and a heartbeat on the server');
    // @ts-expect-error: `chrome` exists in the extension's service worker.
    const version = await browser.serviceWorker.evaluate(() => chrome.runtime.getManifest().version);
    // The heartbeat sent at install carries the version and incognito access (not granted in this profile).
    expect(acknowledged).toMatchObject({ status: 'active', extensionVersion: version, incognitoAllowed: false, uninstalledAt: null });
    const { events } = await stack.product.api<{ events: Device[] }>(`/v1/events?employee=${EMPLOYEE}&type=agent.notice_acknowledged`);
    expect(events).toEqual([expect.objectContaining({ noticeVersion: '1', extensionVersion: version })]);
  });

  it('reports its own removal through the uninstall URL', async () => {
    // uninstallSelf is what a removal from chrome://extensions does: the browser then opens the uninstall URL.
    // @ts-expect-error: `chrome` exists in the extension's service worker.
    await stack.browser.serviceWorker.evaluate(() => chrome.management.uninstallSelf()).catch(() => undefined);
    const removed = await eventually(async () => {
      const d = await device();
      return d?.uninstalledAt ? d : undefined;
    }, 20_000, 'the removal report');
    expect(removed.status).toBe('uninstalled');
  });
});
