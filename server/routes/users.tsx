import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { NewUser, UserPatch } from '../../shared/api';
import { requireRole } from '../auth';
import { ApiError } from '../errors';
import { requirePage } from '../page-auth';
import { createAccount, setAccountDisabled } from '../people';
import { validate } from '../validate';
import { PeoplePage } from '../views/people';
import type { AppEnv } from '../env';

/** Renders the People page, with an error or a freshly created token when there is one. */
export async function peoplePage(c: Context<AppEnv>, extra: { error?: string; newToken?: { token: string; label: string } } = {}, status: 200 | 400 | 404 | 409 = 200) {
  const { store } = c.var.services;
  const [users, tokens] = await Promise.all([store.listUsers(), store.listApiTokens()]);
  return c.html(<PeoplePage viewer={c.var.person} users={users} tokens={tokens} {...extra} />, status);
}

/** A form's fields as strings, then the same zod schema the API uses; a failure names the field. */
export async function formInput<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  const form = await c.req.parseBody();
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(form).filter(([k]) => k !== '_csrf')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(400, 'invalid_input', `${issue.path.join('.') || 'form'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Runs a page action; an ApiError becomes the message on the re-rendered page instead of a JSON body. */
export async function pageAction(c: Context<AppEnv>, action: () => Promise<Response | void>) {
  try {
    return (await action()) ?? c.redirect('/admin/people', 303);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 403) throw error;
    return peoplePage(c, { error: error.message }, error.status as 400 | 404 | 409);
  }
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
    pageAction(c, async () => { await createAccount(c.var.services, c.var.person.subject, await formInput(c, NewUser)); }))
  .post('/admin/users/:id/:change{disable|enable}', requirePage('admin'), (c) =>
    pageAction(c, async () => { await setAccountDisabled(c.var.services, c.var.person.subject, c.req.param('id'), c.req.param('change') === 'disable'); }));
