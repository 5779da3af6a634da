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
  const at = await dropPoint(target, selector);
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  try {
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  } finally {
    await cdp.detach();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where a person would let go of the files: a point of the element inside the viewport that the element
 * itself (or something inside it) is under, not a notice or a header over it. The element is scrolled
 * into view first: a drag from the desktop cannot land on what is off-screen. Returned in the page's
 * viewport coordinates (what `Input.dispatchDragEvent` takes), the frame's offset added for an iframe.
 */
async function dropPoint(target: Page | Frame, selector: string): Promise<{ x: number; y: number }> {
  const element = target.locator(selector);
  await element.scrollIntoViewIfNeeded();
  const inFrame = await element.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) return undefined;
    // The centre first, then a grid over the visible part, until a point hits the element.
    const points = [[(left + right) / 2, (top + bottom) / 2]];
    for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) points.push([left + ((right - left) * i) / 10, top + ((bottom - top) * j) / 10]);
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x!, y!);
      if (hit && (hit === el || el.contains(hit))) return { x: x!, y: y! };
    }
    return undefined;
  });
  if (!inFrame) throw new Error(`${selector} is off-screen or covered; nothing to drop on`);
  const frameElement = 'parentFrame' in target && target.parentFrame() ? await target.frameElement() : undefined;
  const offset = frameElement ? await frameElement.boundingBox() : { x: 0, y: 0 };
  if (!offset) throw new Error(`the frame holding ${selector} is not visible; nothing to drop on`);
  return { x: offset.x + inFrame.x, y: offset.y + inFrame.y };
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
