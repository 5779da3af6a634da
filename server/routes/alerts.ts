import { Hono } from 'hono';
import * as z from 'zod';
import { AlertPatch, AlertStatus } from '../../shared/api';
import { requireRole } from '../auth';
import { ApiError } from '../errors';
import { announceAlert } from '../integrations/announce';
import { validate } from '../validate';
import type { AppEnv } from '../env';

export const alertRoutes = new Hono<AppEnv>()
  .get('/v1/alerts', requireRole('admin', 'security'), validate('query', z.object({ status: AlertStatus.optional(), employee: z.email().optional() })), async (c) => {
    const query = c.req.valid('query');
    return c.json(await c.var.services.store.listAlerts({ status: query.status, employee: query.employee?.toLowerCase() }));
  })
  .patch('/v1/alerts/:id', requireRole('admin', 'security'), validate('json', AlertPatch), async (c) => {
    const { store, now } = c.var.services;
    const change = c.req.valid('json');
    const current = await store.alert(c.req.param('id'));
    if (!current) throw new ApiError(404, 'not_found', `no alert ${c.req.param('id')}`);
    if (change.status && isOpen(change.status) && !isOpen(current.status)) {
      const others = await store.listAlerts({ employee: current.employee });
      const open = others.find((a) => a.id !== current.id && a.pattern === current.pattern && isOpen(a.status));
      if (open) throw new ApiError(409, 'conflict', `alert ${open.id} is already open for this employee and pattern; add to it instead`, { openAlertId: open.id });
    }
    const updated = await store.updateAlert(current.id, change, now().toISOString());
    if (!updated) throw new ApiError(404, 'not_found', `no alert ${c.req.param('id')}`);
    await announceAlert(store, updated, now());
    return c.json(updated);
  });

function isOpen(status: string) {
  return status === 'open' || status === 'investigating';
}
