import { Hono } from 'hono';
import * as z from 'zod';
import { requireRole } from '../auth/auth';
import { requirePage } from '../auth/page-auth';
import { setLocalSignIn, signInSettings } from '../identity/local-sign-in';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';
import { peopleAction } from './users';

/** Whether local accounts may sign in: the API and the People page's switch. */
export const signInSettingsRoutes = new Hono<AppEnv>()
  .get('/v1/settings/sign-in', requireRole('admin'), async (c) => c.json(await signInSettings(c.var.services)))
  .put('/v1/settings/sign-in', requireRole('admin'), validate('json', z.object({ localAccounts: z.boolean() })), async (c) => {
    await setLocalSignIn(c.var.services, c.var.person.subject, c.req.valid('json').localAccounts);
    return c.json(await signInSettings(c.var.services));
  })
  .post('/admin/sign-in/local/:change{enable|disable}', requirePage('admin'), (c) =>
    peopleAction(c, async () => { await setLocalSignIn(c.var.services, c.var.person.subject, c.req.param('change') === 'enable'); }));
