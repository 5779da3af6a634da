import type { Page } from 'playwright-core';
import type { ComposerFixture } from '../fixtures/destinations/composer';
import { dropOn, pasteInto, uploadThrough } from './composer-actions';
import type { Stack } from './stack';

/**
 * The three paths (upload, paste, drop) on destination fixtures, and what the server stored of them, for
 * the end-to-end tests that go through every composer fixture in a mode.
 */
export function destinationPaths(stack: Stack, employee: string, text: string, csvFile: string) {
  const events = async (type: string) =>
    (await stack.product.api<{ events: Array<Record<string, any>> }>(`/v1/events?employee=${employee}&type=${type}&limit=1000`)).events;
  const open = async (fixture: ComposerFixture): Promise<Page> => {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.fixtures.url(fixture.host, fixture.path));
    return page;
  };
  return {
    events,
    /** Upload, paste and drop on one site (uploading first: a notice may then cover the site's upload button); returns the page. */
    exfiltrate: async (fixture: ComposerFixture, dropped: string): Promise<Page> => {
      const page = await open(fixture);
      await uploadThrough(page, fixture, csvFile);
      await pasteInto(page, fixture, text);
      await dropOn(page, text, dropped);
      return page;
    },
    /** "<destination> <path>" for every reported upload and paste in the mode, sorted. */
    byMode: async (mode: string): Promise<string[]> => {
      const [uploads, pastes] = await Promise.all([events('webmail.upload'), events('webmail.paste')]);
      return [...uploads, ...pastes].filter((e) => e.mode === mode).map((e) => `${e.destination} ${e.type === 'webmail.paste' ? 'paste' : e.channel}`).sort();
    },
  };
}

/** What `byMode` lists when every path on each of the fixtures was reported once. */
export const allPaths = (fixtures: readonly ComposerFixture[]): string[] =>
  fixtures.flatMap((f) => [`${f.destination} drop`, `${f.destination} file_input`, `${f.destination} paste`]).sort();
