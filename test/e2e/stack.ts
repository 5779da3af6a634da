import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import { extensionReady } from './actions';
import { DEFAULT_FIXTURE_HOSTS, launchWithExtension, type LaunchedBrowser } from './browser';
import { buildExtension, startProduct, type TestProduct } from './product';

export interface Stack {
  product: TestProduct;
  fixtures: FixtureServer;
  browser: LaunchedBrowser;
  /** The employee's stored events of one type, newest first. */
  events(type: string): Promise<Array<Record<string, any>>>;
  close(): Promise<void>;
}

/** The server, the fixture pages and Chromium with the extension built for `employee`, enrolled and ready. */
export async function startStack(employee: string, extraHosts: readonly string[] = []): Promise<Stack> {
  const product = await startProduct();
  const fixtures = await startFixtureServer();
  let browser: LaunchedBrowser | undefined;
  const close = async () => {
    await browser?.close();
    await fixtures.close();
    await product.close();
  };
  try {
    const extensionPath = buildExtension({ serverUrl: product.server.url, enrollmentToken: product.enrollmentToken, employee });
    browser = await launchWithExtension({ extensionPath, fixturePort: fixtures.port, hosts: [...DEFAULT_FIXTURE_HOSTS, ...extraHosts] });
    await extensionReady(browser.serviceWorker);
  } catch (error) {
    await close();
    throw error;
  }
  const events = async (type: string) => (await product.api<{ events: Array<Record<string, any>> }>(`/v1/events?employee=${employee}&type=${type}`)).events;
  return { product, fixtures, browser, events, close };
}
