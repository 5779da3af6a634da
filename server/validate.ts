import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod';
import { ApiError, invalidInput } from './errors';

/**
 * zValidator that fails with the contract's 400 body instead of zod's raw issues. A JSON body must say
 * so: otherwise Hono validates an empty object, and a PATCH whose fields are all optional would pass as a no-op.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (target === 'json' && !/^application\/([\w.+-]*\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
    }
    if (!result.success) throw invalidInput(result.error as unknown as z.ZodError);
  });
}
