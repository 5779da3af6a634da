import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { NewUser, UserPatch } from '../../shared/api';
import { requireRole } from '../auth/auth';
import { requirePage } from '../auth/page-auth';
import { createAccount, setAccountDisabled } from '../auth/accounts';
import { formInput, pageAction } from '../http/forms';
import { validate } from '../http/validate';
import { PeoplePage } from '../views/people';
import type { AppEnv } from '../env';
import { signInSettings } from '../identity/local-sign-in';

/** Renders the People page, with an error or a freshly created token when there is one. */
export async function peoplePage(c: Context<AppEnv>, extra: { error?: string; newToken?: { token: string; label: string } } = {}, status: 200 | 400 | 404 | 409 = 200) {
  const { store } = c.var.services;
  const [users, tokens, signIn] = await Promise.all([store.listUsers(), store.listApiTokens(), signInSettings(c.var.services)]);
  return c.html(<PeoplePage viewer={c.var.person} users={users} tokens={tokens} signIn={signIn} {...extra} />, status);
}

/** People-page actions go back to the page: on success by redirect, on a fixable error with the message. */
export function peopleAction(c: Context<AppEnv>, action: () => Promise<Response | void>) {
  return pageAction(c, async () => (await action()) ?? c.redirect('/admin/people', 303), (error, status) => peoplePage(c, { error }, status));
}

const UserId = z.object({ id: z.uuid() });

export const userRoutes = new Hono<AppEnv>()
  .get('/v1/users', requireRole('admin'), async (c) => c.json(await c.var.services.store.listUsers()))
  .post('/v1/users', requireRole('admin'), validate('json', NewUser), async (c) =>
    c.json(await createAccount(c.var.services, c.var.person.subject, c.req.valid('json')), 201))
  .patch('/v1/users/:id', requireRole('admin'), validate('param', UserId), validate('json', UserPatch), async (c) =>
    c.json(await setAccountDisabled(c.var.services, c.var.person.subject, c.req.valid('param').id, c.req.valid('json').disabled)))
  .get('/admin/people', requirePage('admin'), (c) => peoplePage(c))
  .post('/admin/users', requirePage('admin'), (c) =>
    peopleAction(c, async () => { await createAccount(c.var.services, c.var.person.subject, await formInput(c, NewUser)); }))
  .post('/admin/users/:id/:change{disable|enable}', requirePage('admin'), (c) =>
    peopleAction(c, async () => { await setAccountDisabled(c.var.services, c.var.person.subject, c.req.param('id'), c.req.param('change') === 'disable'); }));
