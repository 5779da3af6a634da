import type { Context } from 'hono';
import { ApiError } from '../http/errors';

/** Largest accepted `POST /v1/events` body: 500 events with a full set of fingerprints each stay under it. */
export const MAX_EVENTS_BODY = 8 * 1024 * 1024;

export function tooLarge(_c: Context): never {
  throw new ApiError(413, 'payload_too_large', 'the request body is larger than this route accepts');
}
