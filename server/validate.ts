import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod';
import { invalidInput } from './errors';

/** zValidator that fails with the contract's 400 body instead of zod's raw issues. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw invalidInput(result.error as unknown as z.ZodError);
  });
}
