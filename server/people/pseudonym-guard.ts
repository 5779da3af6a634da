import { createMiddleware } from 'hono/factory';
import { audit } from '../audit/audit';
import type { AppEnv } from '../env';
import { seesPseudonyms } from './pseudonyms';
import { peopleNamed, pseudonymiseText } from './pseudonymise-text';

/** Answers that can name people; images, CSS and scripts cannot. */
const TEXT_ANSWER = /^(application\/(json|problem\+json)|text\/(html|csv|plain))/i;

/**
 * The one place every answer to a pseudonymised role (security, HR) passes: any e-mail address left in
 * it, whichever route wrote it (including routes added after this one), becomes its pseudonym. Routes
 * still name people by pseudonym themselves; this is the guarantee behind them. An answer a handler
 * marked as a reveal (`c.set('revealed', true)`, after auditing the reason) passes unchanged.
 *
 * A successful read that names people and was not audited by its handler is audited here, once per
 * request with the number of people it showed, not once per row.
 */
export const pseudonymGuard = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const person = c.var.person;
  if (!person || !seesPseudonyms(person.role) || c.var.revealed) return;
  const type = c.res.headers.get('content-type') ?? '';
  if (!TEXT_ANSWER.test(type) || !c.res.body) return;
  const original = c.res;
  const text = pseudonymiseText(await original.text(), await c.var.services.pseudonymKey(), ownAddress(person.subject));
  const headers = new Headers(original.headers);
  headers.delete('content-length');
  c.res = undefined;
  c.res = new Response(text, { status: original.status, statusText: original.statusText, headers });
  const people = peopleNamed(text);
  if (c.req.method === 'GET' && original.status < 300 && people > 0 && !c.var.audited) {
    await audit(c, 'people.read', c.req.routePath, { people, role: person.role });
  }
});

/** A signed-in person whose user name is their address sees it in the console's header. */
function ownAddress(subject: string): Set<string> {
  const name = subject.replace(/^user:/, '').toLowerCase();
  return new Set(name.includes('@') ? [name] : []);
}
