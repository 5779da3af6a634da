import * as os from 'node:os';
import type { AlertPayload } from './payload';
import { DeliveryError, postJson } from './http';
import { webhookBody } from './webhook';

export const HEC_PATH = '/services/collector/event';

/** One HEC event (https://docs.splunk.com/Documentation/Splunk/latest/Data/FormateventsforHTTPEventCollector). */
export function hecEvent(settings: { index?: string; sourcetype: string }, deliveryId: string, payload: AlertPayload) {
  return {
    time: Date.parse(payload.alert.updatedAt) / 1000,
    host: os.hostname(),
    source: 'crm-guard',
    sourcetype: settings.sourcetype,
    ...(settings.index ? { index: settings.index } : {}),
    event: webhookBody(deliveryId, payload),
  };
}

export async function sendSplunk(settings: { url: string; token: string; index?: string; sourcetype: string }, deliveryId: string, payload: AlertPayload): Promise<void> {
  // Relative to the base, so a HEC behind a path prefix (a proxy) keeps it.
  const url = new URL(HEC_PATH.slice(1), settings.url.endsWith('/') ? settings.url : `${settings.url}/`).toString();
  const reply = await postJson(url, JSON.stringify(hecEvent(settings, deliveryId, payload)), { authorization: `Splunk ${settings.token}` });
  // HEC answers 200 {"text":"Success","code":0}; anything else in a 200 is not an acknowledgement.
  let code: unknown;
  try {
    code = (JSON.parse(reply) as { code?: unknown }).code;
  } catch {
    throw new DeliveryError(`Splunk HEC answered something that is not JSON: ${reply.slice(0, 200)}`);
  }
  if (code !== 0) throw new DeliveryError(`Splunk HEC did not acknowledge the event: ${reply.slice(0, 200)}`);
}
