import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { requireRole } from '../auth/auth';
import { requirePage } from '../auth/page-auth';
import { formInput, pageAction } from '../http/forms';
import { validate } from '../http/validate';
import { displayName } from '../people/pseudonyms';
import { declareChangeWindow } from '../scoring/change-windows';
import { ChangeWindowsPage, type ChangeWindowsPageProps } from '../views/change-windows';
import type { AppEnv } from '../env';

/** A declared change window: who, which days (inclusive), and why. */
const ChangeWindowDeclaration = z.object({
  employees: z.array(z.email().max(320)).min(1).max(1000),
  from: z.iso.date(),
  to: z.iso.date(),
  reason: z.string().trim().min(3).max(500),
});

/** The console's form names people one a line (or separated by commas or spaces). */
const ChangeWindowForm = ChangeWindowDeclaration.extend({
  employees: z.string().transform((text) => text.split(/[\s,;]+/).filter(Boolean)).pipe(ChangeWindowDeclaration.shape.employees),
});

async function windowsPage(c: Context<AppEnv>, extra: Omit<ChangeWindowsPageProps, 'viewer' | 'windows'> = {}, status: 200 | 400 | 404 | 409 = 200) {
  const key = await c.var.services.pseudonymKey();
  const windows = (await c.var.services.store.changeWindows()).reverse()
    .map((w) => ({ ...w, employees: w.employees.map((e) => displayName(key, c.var.person.role, e)) }));
  return c.html(<ChangeWindowsPage viewer={c.var.person} windows={windows} {...extra} />, status);
}

/**
 * Declared change windows: planned bulk work (a CRM migration, an audit) whose activity stays visible and
 * explained but raises no departure risk. Administrators declare them (audited); security reads them.
 */
export const changeWindowRoutes = new Hono<AppEnv>()
  .get('/v1/change-windows', requireRole('admin', 'security'), async (c) => c.json(await c.var.services.store.changeWindows()))
  .post('/v1/change-windows', requireRole('admin'), validate('json', ChangeWindowDeclaration), async (c) =>
    c.json(await declareChangeWindow(c.var.services, c.var.person.subject, c.req.valid('json')), 201))
  .get('/admin/change-windows', requirePage('admin', 'security'), (c) => windowsPage(c))
  .post('/admin/change-windows', requirePage('admin'), (c) =>
    pageAction(c, async () => {
      const window = await declareChangeWindow(c.var.services, c.var.person.subject, await formInput(c, ChangeWindowForm));
      return windowsPage(c, { info: `Declared for ${window.employees.length} ${window.employees.length === 1 ? 'person' : 'people'}, ${window.from} to ${window.to}; their scores have been updated.` });
    }, (error, status) => windowsPage(c, { error }, status)));
