import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';

/** The one error type handlers throw; `app.onError` turns it into the contract's error body. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(status, { message });
  }
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** A 400 naming every invalid field, e.g. `events.3.occurredAt`. */
export function invalidInput(error: z.ZodError): ApiError {
  const fields = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = fields[0];
  const where = first?.path ? `${first.path}: ` : '';
  return new ApiError(400, 'invalid_input', `${where}${first?.message ?? 'invalid input'}`, { fields });
}
