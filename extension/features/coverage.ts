import { browser } from 'wxt/browser';
import { eventQueue } from '../lib/queue';
import type { Enrollment } from '../lib/transport';
import { reportEvent } from './report-event';

/**
 * The heartbeat: the extension version, the queue's depth and whether it may run in incognito windows
 * (where, without that permission, it sees nothing). The server lists a device that stops sending these as silent.
 */
export async function sendHeartbeat(): Promise<void> {
  await reportEvent({
    type: 'agent.heartbeat',
    origin: new URL(browser.runtime.getURL('/')).origin,
    extensionVersion: browser.runtime.getManifest().version,
    queueDepth: await eventQueue().depth(),
    incognitoAllowed: await browser.extension.isAllowedIncognitoAccess(),
  });
}

/**
 * The browser opens this URL when the extension is removed, which tells the server. It names the device
 * and proves it with a hash derived from the device token (server/routes/devices.ts `uninstallProof`),
 * which cannot be turned back into the token.
 */
export async function setUninstallUrl(enrollment: Enrollment): Promise<void> {
  const proof = await sha256Hex(`uninstall\n${await sha256Hex(enrollment.deviceToken)}`);
  await browser.runtime.setUninstallURL(`${enrollment.serverUrl}/v1/devices/${enrollment.deviceId}/uninstalled?proof=${proof}`);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
