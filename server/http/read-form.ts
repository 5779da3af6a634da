import type { Context } from 'hono';
import { ApiError } from './errors';

type FormFields = Record<string, string | File | (string | File)[]>;

/**
 * A form body, every field (a repeated field as an array). A body that does not parse (a multipart
 * without its boundary, a broken encoding) is the sender's fault: a 400, never a 500. Hono caches the
 * parsed body, so the CSRF check and the handler may both call this.
 */
export async function readForm(c: Context): Promise<FormFields> {
  try {
    return await c.req.parseBody({ all: true });
  } catch (error) {
    throw new ApiError(400, 'invalid_input', `the form body could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
