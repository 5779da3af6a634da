import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertPayload } from './payload';
import { postJson } from './http';

export const SIGNATURE_HEADER = 'x-crmguard-signature';
export const TIMESTAMP_HEADER = 'x-crmguard-timestamp';
export const DELIVERY_HEADER = 'x-crmguard-delivery';
/** Receivers should refuse a timestamp further than this from their clock (a replayed request). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `v1=` + hex HMAC-SHA256 of `<timestamp>.<body>`: signing the timestamp too stops replays with a new one. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (README: "Verifying webhook signatures"): recompute the signature over the raw
 * body, compare in constant time, and refuse old timestamps. Returns why it is refused, or undefined.
 */
export function verifyWebhook(secret: string, headers: { signature?: string | null; timestamp?: string | null }, rawBody: string, nowSeconds = Date.now() / 1000, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): string | undefined {
  const timestamp = Number(headers.timestamp);
  if (!headers.timestamp || !Number.isInteger(timestamp)) return 'missing or malformed timestamp';
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return 'timestamp outside the tolerance (a replay?)';
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(headers.signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature mismatch';
  return undefined;
}

/** The webhook's JSON body: the change, the alert and its uploads' metadata (never content). */
export function webhookBody(deliveryId: string, payload: AlertPayload) {
  return { deliveryId, type: `alert.${payload.activity}`, alert: payload.alert, uploads: payload.uploads.map((u) => ({ ...u.event, deviceId: u.deviceId })) };
}

export async function sendWebhook(settings: { url: string; secret: string }, deliveryId: string, payload: AlertPayload, now: Date): Promise<void> {
  const body = JSON.stringify(webhookBody(deliveryId, payload));
  const timestamp = Math.floor(now.getTime() / 1000);
  await postJson(settings.url, body, {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signWebhook(settings.secret, timestamp, body),
    [DELIVERY_HEADER]: deliveryId,
  });
}
