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
  }, { validationFunction: synchronously as never });
}

/**
 * zod compiles an object schema into a fast parser only for synchronous parses; zValidator's default,
 * safeParseAsync, walks the schema generically, and on ingest allocated a quarter of the server's memory
 * traffic. No schema here refines or transforms asynchronously. (`as never` above: zod-validator types
 * this function's result with its own copy of zod's types.)
 */
function synchronously(schema: z.ZodType, value: unknown) {
  return schema.safeParse(value);
}
