/**
 * Real user input for the end-to-end tests. The detectors ignore events page script dispatches
 * (`isTrusted` false), so a test that stands in for the employee must go through the browser's own input
 * path: a drag from outside the page through the DevTools protocol (`Input.dispatchDragEvent`, which
 * carries files from disk), and a paste with Ctrl+V of what the system clipboard holds.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';

export interface DroppedFile {
  name: string;
  text: string;
}

/** Drags files from the desktop onto the element: the page sees trusted dragenter, dragover and drop events. */
export async function dropFiles(page: Page, target: Page | Frame, selector: string, files: DroppedFile[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-drop-'));
  const paths = files.map((f) => {
    const file = path.join(dir, f.name);
    fs.writeFileSync(file, f.text);
    return file;
  });
  const box = await target.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible; nothing to drop on`);
  const at = { x: box.x + Math.min(20, box.width / 2), y: box.y + Math.min(20, box.height / 2) };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  try {
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  } finally {
    await cdp.detach();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Puts text on the system clipboard and pastes it with Ctrl+V into the element, as a person would. */
export async function pasteText(page: Page, target: Page | Frame, selector: string, text: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.bringToFront();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await target.locator(selector).focus();
  await page.keyboard.press('Control+V');
}
