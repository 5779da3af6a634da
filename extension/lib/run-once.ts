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
