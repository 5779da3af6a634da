import type { Context } from 'hono';
import * as z from 'zod';
import { audit } from '../audit/audit';
import { ApiError } from '../http/errors';
import type { AppEnv } from '../env';
import { pseudonym, PSEUDONYM_ID, seesPseudonyms } from './pseudonyms';

/** A reveal's reason: a sentence, as the console's reveal form asks for. */
const Reason = z.string().trim().min(10, 'say in a sentence why you need to look this person up by name').max(500);

/**
 * The e-mail address an employee reference stands for. A pseudonym is resolved among the people the
 * server knows. For a pseudonymised role an address is a lookup by name, that is a reveal: it needs a
 * `reason` (query parameter) and is audited before anything is read. Unknown pseudonyms resolve to a
 * value no stored address equals, so the filter finds nothing rather than everything.
 */
export async function resolveEmployee(c: Context<AppEnv>, ref: string): Promise<string> {
  const key = await c.var.services.pseudonymKey();
  const trimmed = ref.trim();
  if (!trimmed.includes('@')) {
    const id = trimmed.replace(/^Employee /, '');
    if (!PSEUDONYM_ID.test(id)) throw new ApiError(400, 'invalid_input', 'employee: an e-mail address or a pseudonym id');
    return (await c.var.services.pseudonyms.employee(id)) ?? `unknown:${id}`;
  }
  const email = trimmed.toLowerCase();
  if (seesPseudonyms(c.var.person.role)) {
    const reason = Reason.safeParse(c.req.query('reason') ?? '');
    if (!reason.success) {
      throw new ApiError(403, 'reveal_required', `looking an employee up by e-mail reveals who they are: send a reason (${reason.error.issues[0]!.message}), or use their pseudonym`);
    }
    await audit(c, 'employee.lookup', pseudonym(key, email), { reason: reason.data, route: c.req.routePath });
  }
  return email;
}

/** `resolveEmployee` for an optional filter. */
export async function employeeFilter(c: Context<AppEnv>, ref: string | undefined): Promise<string | undefined> {
  return ref === undefined ? undefined : resolveEmployee(c, ref);
}
