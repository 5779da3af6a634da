import { Hono } from 'hono';
import { NewApiToken } from '../../shared/api';
import { requireRole } from '../auth/auth';
import { requirePage } from '../auth/page-auth';
import { createApiToken, revokeToken } from '../auth/accounts';
import { validate } from '../http/validate';
import type { AppEnv } from '../env';
import { formInput } from '../http/forms';
import { peopleAction, peoplePage } from './users';

/** API tokens for automation (admin): hashed at rest, shown once at creation, revocable. */
export const tokenRoutes = new Hono<AppEnv>()
  .get('/v1/tokens', requireRole('admin'), async (c) => c.json(await c.var.services.store.listApiTokens()))
  .post('/v1/tokens', requireRole('admin'), validate('json', NewApiToken), async (c) =>
    c.json(await createApiToken(c.var.services, c.var.person.subject, c.req.valid('json')), 201))
  .delete('/v1/tokens/:id', requireRole('admin'), async (c) => {
    await revokeToken(c.var.services, c.var.person.subject, c.req.param('id'));
    return c.body(null, 204);
  })
  .post('/admin/tokens', requirePage('admin'), (c) =>
    peopleAction(c, async () => {
      const created = await createApiToken(c.var.services, c.var.person.subject, await formInput(c, NewApiToken));
      return peoplePage(c, { newToken: { token: created.token, label: created.label } });
    }))
  .post('/admin/tokens/:id/revoke', requirePage('admin'), (c) =>
    peopleAction(c, async () => { await revokeToken(c.var.services, c.var.person.subject, c.req.param('id')); }));
