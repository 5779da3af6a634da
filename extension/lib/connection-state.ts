import { browser } from 'wxt/browser';

const CONNECTION_KEY = 'connection';

/**
 * Whether the last attempt to send reached the server, and since when that has been so: what the popup
 * tells the employee ("server unreachable since 10:42"). Written only when it changes, so a busy
 * browser's every flush does not write storage.
 */
export interface ConnectionState {
  reachable: boolean;
  /** ISO instant of the first attempt in this state. */
  since: string;
}

export async function readConnection(): Promise<ConnectionState | undefined> {
  return (await browser.storage.local.get(CONNECTION_KEY))[CONNECTION_KEY] as ConnectionState | undefined;
}

/** After a send the server answered (accepted, or refused with a reason: it was reached either way). */
export async function markReachable(now = new Date()): Promise<void> {
  if ((await readConnection())?.reachable !== true) await browser.storage.local.set({ [CONNECTION_KEY]: { reachable: true, since: now.toISOString() } });
}

/** After a send that got no usable answer; the first failure in a row sets "since". */
export async function markUnreachable(now = new Date()): Promise<void> {
  if ((await readConnection())?.reachable !== false) await browser.storage.local.set({ [CONNECTION_KEY]: { reachable: false, since: now.toISOString() } });
}
