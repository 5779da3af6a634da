import type { Context } from 'hono';
import type * as z from 'zod';
import { CSRF_FIELD } from '../auth/auth';
import { ApiError } from './errors';
import type { AppEnv } from '../env';
import { readForm } from './read-form';

/**
 * A form's fields, checked with the same zod schema the API uses; a failure names the field. A field
 * sent once is a string, a repeated one (a bulk selection) an array; `arrays` lists fields that are
 * always arrays, even when one box was ticked.
 */
export async function formInput<T extends z.ZodType>(c: Context<AppEnv>, schema: T, arrays: string[] = []): Promise<z.infer<T>> {
  const form = await readForm(c);
  const fields = Object.fromEntries(Object.entries(form).filter(([k]) => k !== CSRF_FIELD).map(([k, v]) => [k, arrays.includes(k) && !Array.isArray(v) ? [v] : v]));
  for (const name of arrays) fields[name] ??= [];
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(400, 'invalid_input', `${issue.path.join('.') || 'form'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Runs a page's form action. A refusal the person can fix (bad input, a conflict, a missing record)
 * comes back as a message on the page `onError` renders, instead of a JSON body; anything else
 * (403, a crash) goes to the app's one error path.
 */
export async function pageAction(
  c: Context<AppEnv>,
  action: () => Promise<Response>,
  onError: (message: string, status: 400 | 404 | 409) => Promise<Response> | Response,
): Promise<Response> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 404, 409].includes(error.status)) throw error;
    return onError(error.message, error.status as 400 | 404 | 409);
  }
}
