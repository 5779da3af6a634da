import { browser } from 'wxt/browser';
import type { DestinationKind, DestinationMode } from '../../shared/destinations';
import type { Destination } from '../../shared/policy';
import { siteFor } from './match-pattern';
import { cachedPolicy, POLICY_KEY } from './policy';

/** What a destination page's content script needs synchronously, inside an event handler, to block or warn. */
export interface DestinationContext {
  site?: Destination;
  mode: DestinationMode;
  kind: DestinationKind;
  pasteMinContacts: number;
  /** The policy's company tenants: a page under one (or an account of one's domain) is corporate. */
  companyTenants: readonly string[];
}

/**
 * The frame's destination from the cached policy (content scripts may read `storage.local`), kept current
 * when the background caches a new policy, so a mode change reaches open tabs. Until it has loaded (a few
 * milliseconds after document_start) the mode is audit: reported, never stopped.
 */
export function destinationContext(signal: AbortSignal): DestinationContext {
  const context: DestinationContext = { mode: 'audit', kind: 'webmail', pasteMinContacts: 5, companyTenants: [] };
  const load = () => cachedPolicy().then((policy) => {
    const site = siteFor(frameHref(), policy.personalDestinations);
    Object.assign(context, { site, mode: site?.mode ?? 'audit', kind: site?.kind ?? 'webmail', pasteMinContacts: policy.thresholds.pasteMinContacts, companyTenants: policy.companyTenants });
  }, (error: unknown) => console.warn('[crm-guard] could not read the policy; reporting only', error));
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && POLICY_KEY in changes) void load();
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
  void load();
  return context;
}

/** The frame's URL; an about:blank or srcdoc frame has no URL of its own and belongs to the origin it inherited. */
export function frameHref(): string {
  return location.protocol.startsWith('http') ? location.href : `${self.origin}/`;
}
