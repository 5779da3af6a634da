import { browser } from 'wxt/browser';
import { adapterFor } from '../lib/crm';
import { fingerprint } from '../lib/fingerprint';
import { noteDistinctThisHour } from '../lib/hourly-distinct';
import { siteFor } from '../lib/match-pattern';
import { cachedPolicy } from '../lib/policy';
import { reportEvent } from './report-event';
import { saltedPolicy } from './salted-policy';

/**
 * RecordViewDetector: every CRM record a tab opens, by its URL, so a crawl through client cards shows as
 * many distinct records an hour. `tabs.onUpdated` reports URL changes made by single-page apps
 * (`history.pushState`) as well as loads, and no page script can hide them. The record id leaves the
 * browser only as a salted hash; each record is reported once per clock hour. Printable views are prints.
 */
export function listenForRecordViews(): void {
  browser.tabs.onUpdated.addListener((_tabId, change) => {
    if (change.url) void noticeNavigation(change.url).catch((error) => console.error('[crm-guard] record view detector', error));
  });
}

async function noticeNavigation(href: string): Promise<void> {
  const site = siteFor(href, (await cachedPolicy()).crmSites);
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
  const { first, distinct } = await noteDistinctThisHour(`records:${site.id}`, recordHash);
  if (!first) return;
  await reportEvent({ type: 'crm.record_view', origin: url.origin, crm: site.id, recordHash, objectType: record.objectType.slice(0, 64), distinctInHour: distinct });
}

// Tested on: test/fixtures/crm pages of every built-in CRM (test/e2e/crm-coverage.e2e.test.ts).
