import { Hono } from 'hono';
import * as z from 'zod';
import { AlertPatch, AlertStatus } from '../../shared/api';
import { requireRole } from '../auth';
import { ApiError } from '../errors';
import { validate } from '../validate';
import type { AppEnv } from '../env';

export const alertRoutes = new Hono<AppEnv>()
  .get('/v1/alerts', requireRole('admin', 'security'), validate('query', z.object({ status: AlertStatus.optional(), employee: z.email().optional() })), async (c) => {
    const query = c.req.valid('query');
    return c.json(await c.var.services.store.listAlerts({ status: query.status, employee: query.employee?.toLowerCase() }));
  })
  .patch('/v1/alerts/:id', requireRole('admin', 'security'), validate('json', AlertPatch), async (c) => {
    const { store, now } = c.var.services;
    const updated = await store.updateAlert(c.req.param('id'), c.req.valid('json'), now().toISOString());
    if (!updated) throw new ApiError(404, 'not_found', `no alert ${c.req.param('id')}`);
    return c.json(updated);
  });
