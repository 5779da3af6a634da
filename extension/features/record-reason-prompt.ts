import { browser } from 'wxt/browser';
import { RecordReasonRequest } from '../lib/messaging';
import { askBackground } from '../lib/send-to-background';
import type { Reported } from './content-events';
import { showNotice } from './destination-notice';
import { showRecordGate } from './record-gate';

/**
 * On a CRM page: when the background says this record was opened beyond the CRM's record-view limit, asks
 * for a reason. Warn: a notice beside the record, the reason optional. Block: the record stays covered until
 * a reason is given. The reason goes to the background, which reports it against the view (its event id).
 */
export function initRecordReasonPrompt(signal: AbortSignal): void {
  if (window !== window.top) return;
  const listener = (message: unknown) => {
    const parsed = RecordReasonRequest.safeParse(message);
    if (!parsed.success) return undefined;
    const request = parsed.data;
    const send = async (justification: string) =>
      (await askBackground<Reported>({ kind: 'crm.record_view_reason', eventId: request.eventId, justification }))?.reported === true;
    if (request.mode === 'block') showRecordGate(reasonText(request), send);
    else showNotice({ text: reasonText(request), mode: 'warn', justify: send });
    return Promise.resolve(true);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}

/** "You have opened this client record 4 times in 24 hours; …" */
export function reasonText({ opens, allowedOpens, periodHours, mode }: Pick<RecordReasonRequest, 'opens' | 'allowedOpens' | 'periodHours' | 'mode'>): string {
  const period = periodHours % 24 === 0 ? plural(periodHours / 24, 'day') : plural(periodHours, 'hour');
  const opened = `You have opened this client record ${plural(opens, 'time')} in ${period}; your company allows ${plural(allowedOpens, 'view')} without a reason.`;
  return mode === 'block'
    ? `${opened} The record stays hidden until you say why you need it; your reason is recorded with this view.`
    : `${opened} Please say why you need it; your reason is recorded with this view.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
