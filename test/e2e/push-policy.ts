import type { PolicyUpdate } from '../../shared/policy';
import { eventually } from './product';
import type { Stack } from './stack';

/**
 * Saves a policy change on the server and waits until the extension has cached it. Saving settings re-runs
 * the agent's start, which fetches the policy now instead of at the next alarm.
 */
export async function pushPolicy(stack: Stack, update: PolicyUpdate): Promise<void> {
  await stack.product.api('/v1/policy', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update) });
  await refreshPolicy(stack);
}

/** Makes the extension fetch the policy now and waits until it has cached the server's current version. */
export async function refreshPolicy(stack: Stack): Promise<void> {
  const { version } = await stack.product.api<{ version: string }>('/v1/policy');
  await stack.browser.serviceWorker.evaluate(async () => {
    // @ts-expect-error: `chrome` exists in the extension's service worker.
    await chrome.storage.local.set({ config: { savedAt: Date.now() } });
  });
  await eventually(() => stack.browser.serviceWorker.evaluate(async (wanted) => {
    // @ts-expect-error: `chrome` exists in the extension's service worker.
    const { policy } = await chrome.storage.local.get('policy');
    return policy?.version === wanted ? true : undefined;
  }, version), 15_000, `policy ${version} in the extension`);
}
