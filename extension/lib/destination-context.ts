import type { DestinationKind, DestinationMode } from '../../shared/destinations';
import type { Destination } from '../../shared/policy';
import { siteFor } from './match-pattern';
import { cachedPolicy } from './policy';

/** What a destination page's content script needs synchronously, inside an event handler, to block or warn. */
export interface DestinationContext {
  site?: Destination;
  mode: DestinationMode;
  kind: DestinationKind;
  pasteMinContacts: number;
}

/**
 * The frame's destination from the cached policy (content scripts may read `storage.local`). Until it has
 * loaded (a few milliseconds after document_start) the mode is audit: reported, never stopped.
 */
export function destinationContext(): DestinationContext {
  const context: DestinationContext = { mode: 'audit', kind: 'webmail', pasteMinContacts: 5 };
  void cachedPolicy().then((policy) => {
    // An about:blank or srcdoc frame has no URL of its own; it belongs to the origin it inherited.
    const href = location.protocol.startsWith('http') ? location.href : `${self.origin}/`;
    const site = siteFor(href, policy.personalDestinations);
    Object.assign(context, { site, mode: site?.mode ?? 'audit', kind: site?.kind ?? 'webmail', pasteMinContacts: policy.thresholds.pasteMinContacts });
  }, (error: unknown) => console.warn('[crm-guard] could not read the policy; reporting only', error));
  return context;
}
