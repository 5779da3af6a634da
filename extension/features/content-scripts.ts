import { browser } from 'wxt/browser';
import type { Site } from '../../shared/policy';
import type { AgentPolicy } from '../lib/policy';

/** The content scripts run only on the policy's origins: registered at run time, re-registered when the policy changes. */
const SCRIPTS = [
  { id: 'crm', file: 'content-scripts/crm.js', sites: (p: AgentPolicy) => p.crmSites },
  { id: 'personal-destination', file: 'content-scripts/destination.js', sites: (p: AgentPolicy) => p.personalDestinations },
] as const;

export async function registerContentScripts(policy: AgentPolicy): Promise<void> {
  const registered = await browser.scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => SCRIPTS.some((d) => d.id === s.id));
  const wanted = SCRIPTS.map((s) => ({ id: s.id, js: [s.file], matches: patterns(s.sites(policy)) }));
  const unchanged = wanted.every((w) => {
    const current = ours.find((s) => s.id === w.id);
    return current && JSON.stringify([...(current.matches ?? [])].sort()) === JSON.stringify([...w.matches].sort());
  });
  if (unchanged && ours.length === wanted.length) return;
  if (ours.length > 0) await browser.scripting.unregisterContentScripts({ ids: ours.map((s) => s.id) });
  await browser.scripting.registerContentScripts(
    wanted.filter((w) => w.matches.length > 0).map((w) => ({
      ...w,
      // Capture-phase listeners from document_start survive SPA re-renders, and iframes (report viewers) count too.
      runAt: 'document_start' as const,
      allFrames: true,
      persistAcrossSessions: true,
    })),
  );
}

function patterns(sites: readonly Site[]): string[] {
  return [...new Set(sites.flatMap((s) => s.matches))];
}
