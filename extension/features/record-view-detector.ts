import { browser } from 'wxt/browser';
import { adapterFor } from '../lib/crm';
import { fingerprint } from '../lib/fingerprint';
import { noteDistinctThisHour } from '../lib/hourly-distinct';
import { siteFor } from '../lib/match-pattern';
import { cachedPolicy } from '../lib/policy';
import { askForReason, opensBeyondLimit } from './record-view-limit';
import { reportEvent } from './report-event';
import { saltedPolicy } from './salted-policy';

/**
 * RecordViewDetector: every CRM record a tab opens, by its URL, so a crawl through client cards shows as
 * many distinct records an hour. `tabs.onUpdated` reports URL changes made by single-page apps
 * (`history.pushState`) as well as loads, and no page script can hide them. The record id leaves the
 * browser only as a salted hash; each record is reported once per clock hour, and every open beyond the
 * CRM's record-view limit (features/record-view-limit.ts) is reported too, and the page asks for a reason.
 * Printable views are prints.
 */
export function listenForRecordViews(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void noticeNavigation(tabId, change.url).catch((error) => console.error('[crm-guard] record view detector', error));
  });
}

async function noticeNavigation(tabId: number, href: string): Promise<void> {
  const policy = await cachedPolicy();
  const site = siteFor(href, policy.crmSites);
  const adapter = site && adapterFor(site.id);
  if (!site || !adapter) return;
  const url = new URL(href);
  if (adapter.isPrintableView?.(url) && (await noteDistinctThisHour('printable-views', url.href)).first) {
    await reportEvent({ type: 'crm.print', origin: url.origin, crm: site.id, trigger: 'printable_view' });
  }
  const record = adapter.record(url);
  if (!record) return;
  const { fingerprintSalt } = await saltedPolicy();
  if (!fingerprintSalt) return;
  const recordHash = await fingerprint(`${site.id}:${record.id}`, fingerprintSalt);
  const beyond = await opensBeyondLimit(policy.recordViewLimits ?? {}, site.id, recordHash);
  const { first, distinct } = await noteDistinctThisHour(`records:${site.id}`, recordHash);
  if (!first && !beyond) return;
  const { periodHours: _, ...limitFields } = beyond ?? {};
  const event = await reportEvent({ type: 'crm.record_view', origin: url.origin, crm: site.id, recordHash, objectType: record.objectType.slice(0, 64), distinctInHour: distinct, ...limitFields });
  if (beyond && event) await askForReason(tabId, event.id, beyond);
}

// Tested on: test/fixtures/crm pages of every built-in CRM (test/e2e/crm-coverage.e2e.test.ts).
