import type { Frame, Page } from 'playwright-core';
import type { ComposerFixture } from '../fixtures/destinations/composer';
import { dropFiles, pasteText } from './trusted-input';

/**
 * The three ways contacts reach a composer fixture (test/fixtures/destinations/composer.ts), done the way
 * a person does them: a paste into the editor (in its frame, for Google Docs), a file chosen through the
 * site's own upload button (a real file chooser, whichever input the page uses), a file dropped on the chat.
 * Each goes through the browser's own input path: the detectors ignore events page script dispatches.
 */
async function frameOf(page: Page, selector: string | undefined): Promise<Frame> {
  if (!selector) return page.mainFrame();
  const frame = await (await page.waitForSelector(selector, { state: 'attached' })).contentFrame();
  if (!frame) throw new Error(`no frame in ${selector}`);
  await frame.waitForLoadState();
  return frame;
}

export async function pasteInto(page: Page, fixture: ComposerFixture, text: string): Promise<void> {
  const frame = await frameOf(page, fixture.composerFrame);
  await pasteText(page, frame, fixture.composer, text);
}

export async function uploadThrough(page: Page, fixture: ComposerFixture, file: string): Promise<void> {
  const frame = await frameOf(page, fixture.uploadFrame);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), frame.click('#attach-button')]);
  await chooser.setFiles(file);
}

export async function dropOn(page: Page, text: string, fileName: string): Promise<void> {
  await dropFiles(page, page, '#drop-zone', [{ name: fileName, text }]);
}

/** What the page itself received: files listed in `#attachments`, and the length of a paste its composer got. */
export async function received(page: Page, fixture: ComposerFixture): Promise<{ files: number; pasted: string | null }> {
  const frame = await frameOf(page, fixture.composerFrame);
  return {
    files: await page.locator('#attachments li').count(),
    pasted: await frame.locator(fixture.composer).getAttribute('data-pasted'),
  };
}
