import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTACTS } from '../fixtures/contacts';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { extensionReady, selectAndCopy } from './actions';
import { launchWithExtension, type LaunchedBrowser } from './browser';
import { buildExtension, eventually, startProduct, type TestProduct } from './product';
import { queueDepth, queuedTypes } from './worker';

const EMPLOYEE = 'offline@acme.example';

/**
 * An event made while the server is down waits in IndexedDB, survives a browser restart, and reaches the
 * server exactly once when both are back.
 */
describe('offline queue', () => {
  let product: TestProduct;
  let fixtures: FixtureServer;
  let browser: LaunchedBrowser | undefined;
  let profileDir: string;
  let extensionPath: string;

  beforeAll(async () => {
    product = await startProduct();
    fixtures = await startFixtureServer();
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-profile-'));
    extensionPath = buildExtension({ serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employee: EMPLOYEE });
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await product?.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  });

  it('delivers what was queued while the server was down, after a browser restart', async () => {
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, profileDir });
    const first = browser;
    await extensionReady(first.serviceWorker);

    const port = Number(new URL(product.server.url).port);
    await product.stop();

    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
    await selectAndCopy(crm, '#contacts-table');
    // The list view's fingerprints may be queued before the copy, which waits a moment for the page's own clipboard writes.
    await eventually(async () => ((await queuedTypes(first.context)).includes('crm.copy') ? true : undefined), 10_000, 'the copy to be queued');

    await browser.close();
    browser = undefined;
    product = await startProduct({ port, dataDir: product.dataDir });

    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, profileDir });
    const events = await eventually(async () => {
      const { events } = await product.api<{ events: Array<Record<string, unknown>> }>(`/v1/events?employee=${EMPLOYEE}&type=crm.copy`);
      return events.length > 0 ? events : undefined;
    }, 60_000, 'the queued copy to arrive');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'crm.copy', emailCount: FIXTURE_CONTACTS.length });
    const second = browser;
    await eventually(async () => ((await queueDepth(second.context)) === 0 ? true : undefined), 10_000, 'the queue to empty');
  });
});
