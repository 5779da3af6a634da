import { Hono } from 'hono';
import * as z from 'zod';
import { requireRole } from '../auth/auth';
import { requirePage } from '../auth/page-auth';
import { setLocalSignIn, signInSettings } from '../identity/local-sign-in';
import { unlockAccount } from '../auth/sign-in-throttle';
import { recordAudit } from '../audit/audit';
import { ApiError } from '../http/errors';
import type { Services } from '../env';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';
import { peopleAction } from './users';

/** An admin lets an account whose sign-ins are being slowed (someone guessing) in again at once. */
async function unlock(services: Services, actor: string, id: string) {
  const user = (await services.store.listUsers()).find((u) => u.id === id);
  if (!user) throw new ApiError(404, 'not_found', `no account ${id}`);
  await unlockAccount(services, user.username);
  await recordAudit(services, actor, 'user.unlock', `user:${user.username}`);
  return { unlocked: user.username };
}

/** Whether local accounts may sign in (the API and the People page's switch), and unlocking an account. */
export const signInSettingsRoutes = new Hono<AppEnv>()
  .get('/v1/settings/sign-in', requireRole('admin'), async (c) => c.json(await signInSettings(c.var.services)))
  .put('/v1/settings/sign-in', requireRole('admin'), validate('json', z.object({ localAccounts: z.boolean() })), async (c) => {
    await setLocalSignIn(c.var.services, c.var.person.subject, c.req.valid('json').localAccounts);
    return c.json(await signInSettings(c.var.services));
  })
  .post('/v1/users/:id/unlock', requireRole('admin'), validate('param', z.object({ id: z.uuid() })), async (c) =>
    c.json(await unlock(c.var.services, c.var.person.subject, c.req.valid('param').id)))
  .post('/admin/users/:id/unlock', requirePage('admin'), (c) =>
    peopleAction(c, async () => { await unlock(c.var.services, c.var.person.subject, c.req.param('id')); }))
  .post('/admin/sign-in/local/:change{enable|disable}', requirePage('admin'), (c) =>
    peopleAction(c, async () => { await setLocalSignIn(c.var.services, c.var.person.subject, c.req.param('change') === 'enable'); }));
