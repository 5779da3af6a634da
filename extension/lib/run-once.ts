import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * True the first time a content script runs in this frame. The background also injects the scripts into
 * tabs that were open before they were registered, so a page can receive a script twice; a script left
 * behind by a previous version of the extension is invalid and does not count.
 */
export function firstRunInFrame(name: string, ctx: ContentScriptContext): boolean {
  const key = Symbol.for(`crm-guard:${name}`);
  const slot = globalThis as unknown as Record<symbol, ContentScriptContext | undefined>;
  if (slot[key]?.isValid) return false;
  slot[key] = ctx;
  return true;
}

/**
 * The same for a script in the page's own world, which has no context to ask: tabs open before
 * registration get the script injected, and a second copy would open a second channel and report twice.
 */
export function firstRunInPageWorld(name: string): boolean {
  const key = Symbol.for(`crm-guard:${name}`);
  if (Object.prototype.hasOwnProperty.call(URL, key)) return false;
  Object.defineProperty(URL, key, { value: true });
  return true;
}
