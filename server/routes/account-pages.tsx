import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import * as z from 'zod';
import { NewUser } from '../../shared/api';
import { audit } from '../audit/audit';
import { SESSION_COOKIE } from '../auth/auth';
import { requirePage } from '../auth/page-auth';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hashToken } from '../auth/secrets';
import { clientAddress } from '../auth/sign-in';
import { failureKeys, signInWait } from '../auth/sign-in-throttle';
import { ApiError } from '../http/errors';
import { formInput, pageAction } from '../http/forms';
import { AccountPage } from '../views/account';
import type { AppEnv } from '../env';

const EVERYONE = ['admin', 'security', 'hr', 'auditor'] as const;

const PasswordChange = z.object({ current: z.string().max(256), password: NewUser.shape.password, confirm: z.string().max(256) })
  .refine((f) => f.password === f.confirm, { message: 'the new password and its repetition differ', path: ['confirm'] });

/** The signed-in person's account, when they signed in with one (`user:<name>`), with its password. */
async function ownAccount(c: Context<AppEnv>) {
  const subject = c.var.person.subject;
  return subject.startsWith('user:') ? c.var.services.store.userByName(subject.slice('user:'.length)) : undefined;
}

async function accountPage(c: Context<AppEnv>, extra: { error?: string; info?: string } = {}, status: 200 | 400 | 429 = 200) {
  return c.html(<AccountPage viewer={c.var.person} isAccount={Boolean(await ownAccount(c))} {...extra} />, status);
}

/** Changing one's own password: the current one first, the same rules as a new account's, audited. */
export const accountPageRoutes = new Hono<AppEnv>()
  .get('/account', requirePage(...EVERYONE), (c) => accountPage(c))
  .post('/account/password', requirePage(...EVERYONE), (c) =>
    pageAction(c, async () => {
      const form = await formInput(c, PasswordChange);
      const account = await ownAccount(c);
      if (!account) throw new ApiError(400, 'invalid_input', 'an API token has no password to change');
      // A stolen session must not become a way to guess the password: wrong current passwords count as failed
      // sign-ins of the account, from this address, and wait as those do; a waiting attempt is not checked.
      const address = clientAddress(c);
      const wait = await signInWait(c.var.services, account.username, address);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        c.header('retry-after', String(seconds));
        return accountPage(c, { error: `Too many wrong passwords. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.` }, 429);
      }
      if (!(await verifyPassword(form.current, account.passwordHash))) {
        await c.var.services.store.recordLoginFailure(failureKeys(account.username, address), c.var.services.now().toISOString());
        throw new ApiError(400, 'invalid_input', 'current: that is not your current password');
      }
      const session = getCookie(c, SESSION_COOKIE);
      await c.var.services.store.setUserPassword(account.id, await hashPassword(form.password), session ? hashToken(session) : undefined);
      await audit(c, 'account.password', c.var.person.subject);
      return accountPage(c, { info: 'Your password was changed; your other browsers are signed out.' });
    }, (error) => accountPage(c, { error }, 400)));
