import { browser } from 'wxt/browser';
import type { RecordViewLimits } from '../../shared/record-view-limit';
import type { RecordReasonRequest } from '../lib/messaging';
import { noteRecordOpen } from '../lib/record-opens';

/** What a record view beyond the CRM's limit carries (shared/events.ts CrmRecordViewEvent). */
export interface BeyondLimit {
  opensInPeriod: number;
  allowedOpens: number;
  limitMode: 'warn' | 'block';
  periodHours: number;
}

/**
 * Counts this open of the record against the CRM's record-view limit, if it has one; returns what the view
 * is to carry when it goes beyond the limit, undefined within it.
 */
export async function opensBeyondLimit(limits: RecordViewLimits, crm: string, recordHash: string): Promise<BeyondLimit | undefined> {
  const limit = limits[crm];
  if (!limit) return undefined;
  const opens = await noteRecordOpen(`${crm}:${recordHash}`, limit.periodHours);
  return opens > limit.opens ? { opensInPeriod: opens, allowedOpens: limit.opens, limitMode: limit.mode, periodHours: limit.periodHours } : undefined;
}

const ATTEMPTS = 40;
const PAUSE_MS = 250;

/**
 * Asks the tab's CRM content script to ask for a reason. The navigation is noticed as it starts, before the
 * new page's content script listens, so the message is retried for up to ten seconds until one answers.
 */
export async function askForReason(tabId: number, eventId: string, beyond: BeyondLimit): Promise<boolean> {
  const request: RecordReasonRequest = {
    kind: 'record-view-reason', eventId, mode: beyond.limitMode, opens: beyond.opensInPeriod, allowedOpens: beyond.allowedOpens, periodHours: beyond.periodHours,
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const answered = await browser.tabs.sendMessage(tabId, request).then((reply) => reply === true, () => false);
    if (answered) return true;
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  console.warn('[crm-guard] no CRM content script answered to ask for a reason', tabId);
  return false;
}
