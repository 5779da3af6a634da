import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import type { Site } from '../../shared/policy';
import type { AgentPolicy } from '../lib/policy';

/** The content scripts run only on the policy's origins: registered at run time, re-registered when the policy changes. */
const SCRIPTS: readonly { id: string; file: ScriptPublicPath; sites: (p: AgentPolicy) => readonly Site[]; world?: 'MAIN' }[] = [
  { id: 'crm', file: '/content-scripts/crm.js', sites: (p) => p.crmSites },
  // The page's own world, for what only it can see (blobs at creation); see features/blob-capture.ts.
  { id: 'crm-main', file: '/content-scripts/crm-main.js', sites: (p) => p.crmSites, world: 'MAIN' },
  { id: 'personal-destination', file: '/content-scripts/destination.js', sites: (p) => p.personalDestinations },
  // Brings file inputs a page never attached to the document within the detector's reach.
  { id: 'personal-destination-main', file: '/content-scripts/destination-main.js', sites: (p) => p.personalDestinations, world: 'MAIN' },
];

let queue: Promise<void> = Promise.resolve();

/** Registrations run one after another: two interleaved ones would both register the same script ids. */
export function registerContentScripts(policy: AgentPolicy): Promise<void> {
  const next = queue.then(() => register(policy));
  queue = next.catch(() => undefined);
  return next;
}

async function register(policy: AgentPolicy): Promise<void> {
  const registered = await browser.scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => SCRIPTS.some((d) => d.id === s.id));
  const wanted = SCRIPTS.map((s) => ({ id: s.id, files: [s.file], matches: patterns(s.sites(policy)), world: s.world }));
  const unchanged = wanted.every((w) => {
    const current = ours.find((s) => s.id === w.id);
    return current && JSON.stringify([...(current.matches ?? [])].sort()) === JSON.stringify([...w.matches].sort());
  });
  if (unchanged && ours.length === wanted.length) return;
  if (ours.length > 0) await browser.scripting.unregisterContentScripts({ ids: ours.map((s) => s.id) });
  const active = wanted.filter((w) => w.matches.length > 0);
  await browser.scripting.registerContentScripts(
    active.map(({ files, world, ...w }) => ({
      ...w,
      js: files.map((f) => f.slice(1)),
      ...(world && { world }),
      // Capture-phase listeners from document_start survive SPA re-renders, and iframes (report viewers) count too.
      runAt: 'document_start' as const,
      allFrames: true,
      // Frames a page writes itself (about:blank, srcdoc) count as their parent's origin. Chrome allows it
      // only for patterns whose path is `/*`.
      matchOriginAsFallback: w.matches.every((m) => m.endsWith('/*') && m.indexOf('/', m.indexOf('//') + 2) === m.length - 2),
      persistAcrossSessions: true,
    })),
  );
  await Promise.all(active.map((w) => injectIntoOpenTabs(w.matches, w.files, w.world)));
}

/** Registration only affects pages loaded afterwards; tabs already open (at install, on a policy change) get the script now. */
async function injectIntoOpenTabs(matches: string[], files: ScriptPublicPath[], world?: 'MAIN') {
  const tabs = await browser.tabs.query({ url: matches });
  await Promise.all(tabs.map(async (tab) => {
    if (tab.id === undefined) return;
    await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files, ...(world && { world }) })
      .catch((error: unknown) => console.warn('[crm-guard] could not inject into an open tab', tab.url, error));
  }));
}

function patterns(sites: readonly Site[]): string[] {
  return [...new Set(sites.flatMap((s) => s.matches))];
}
