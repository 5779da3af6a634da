import { Hono } from 'hono';
import { DeadLetterRetry, type DeadLetter } from '../../shared/integrations';
import { requireRole } from '../auth/auth';
import { ApiError } from '../http/errors';
import { wakeDispatcher } from '../integrations/announce';
import { requirePage } from '../auth/page-auth';
import type { OutboxEntry } from '../store/outbox';
import { validate } from '../http/validate';
import { DeadLettersPage } from '../views/dead-letters';
import type { AppEnv } from '../env';
import { readForm } from '../http/read-form';

const LIMIT = 500;

/** Deliveries that failed `maxAttempts` times: listed, and put back in the queue on request. */
export const deadLetterRoutes = new Hono<AppEnv>()
  .get('/v1/dead-letters', requireRole('admin', 'security'), async (c) => {
    const dead = await c.var.services.store.outbox.deadLetters(LIMIT);
    return c.json({ deadLetters: dead.map(toDeadLetter) });
  })
  .post('/v1/dead-letters/retry', requireRole('admin', 'security'), validate('json', DeadLetterRetry), async (c) => {
    const { ids } = c.req.valid('json');
    const { store, now } = c.var.services;
    const retried = await store.outbox.retryDead(ids, now().toISOString());
    if (ids && retried === 0) throw new ApiError(404, 'not_found', 'none of these ids is a dead letter');
    wakeDispatcher(store);
    return c.json({ retried });
  })
  .get('/dead-letters', requirePage('admin', 'security'), async (c) => {
    const { store } = c.var.services;
    const [dead, counts] = await Promise.all([store.outbox.deadLetters(LIMIT), store.outbox.counts()]);
    return c.html(<DeadLettersPage viewer={c.var.person} deadLetters={dead.map(toDeadLetter)} pending={counts.pending} />);
  })
  /** The page's form: retries everything, or one letter (`id`), then shows the list again. */
  .post('/dead-letters/retry', requirePage('admin', 'security'), async (c) => {
    const form = await readForm(c);
    const id = typeof form.id === 'string' && form.id ? form.id : undefined;
    const { store, now } = c.var.services;
    await store.outbox.retryDead(id ? [id] : undefined, now().toISOString());
    wakeDispatcher(store);
    return c.redirect('/dead-letters', 303);
  });

function toDeadLetter(e: OutboxEntry): DeadLetter {
  return { id: e.id, integration: e.integration, alertId: e.alertId, attempts: e.attempts, lastError: e.lastError, createdAt: e.createdAt, updatedAt: e.updatedAt };
}
