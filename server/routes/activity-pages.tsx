import { Hono } from 'hono';
import * as z from 'zod';
import { EVENT_TYPES, type EventType } from '../../shared/events';
import { describeEvent } from '../alerts/evidence';
import { requirePage } from '../auth/page-auth';
import { displayName, pseudonymId, PSEUDONYM_ID } from '../people/pseudonyms';
import { ActivityPage } from '../views/activity';
import { perDay } from '../views/volume-chart';
import type { AppEnv } from '../env';

/** Events one page reads at most: the newest that match. */
const LIMIT = 300;

const ActivityQuery = z.object({
  employee: z.string().regex(PSEUDONYM_ID).optional(),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]).optional(),
  crm: z.string().trim().toLowerCase().max(64).optional(),
  destination: z.string().trim().toLowerCase().max(64).optional(),
  from: z.iso.date().optional(),
});

/** The activity explorer, per person (by pseudonym id) or organisation-wide; people as pseudonyms for security. */
export const activityPageRoutes = new Hono<AppEnv>()
  .get('/activity', requirePage('admin', 'security'), async (c) => {
    const { store } = c.var.services;
    const parsed = ActivityQuery.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
    const filter = parsed.success ? parsed.data : {};
    const key = await c.var.services.pseudonymKey();
    const employee = filter.employee ? (await store.knownEmployees()).find((e) => pseudonymId(key, e) === filter.employee) : undefined;
    if (filter.employee && !employee) return c.redirect('/activity', 303);
    // CRM and destination narrow what the type and date already fetched: they are fields inside the event.
    const stored = await store.listEvents({ employee, type: filter.type, since: filter.from && `${filter.from}T00:00:00.000Z`, limit: LIMIT });
    const events = stored.map((s) => s.event)
      .filter((e) => !filter.crm || ('crm' in e && e.crm === filter.crm))
      .filter((e) => !filter.destination || ('destination' in e && e.destination === filter.destination));
    const alerts = await store.listAlerts(employee ? { employee } : {});
    const feeds = new Map<string, { id: string; title: string }[]>();
    for (const a of alerts) for (const id of a.eventIds) feeds.set(id, [...(feeds.get(id) ?? []), { id: a.id, title: a.title }]);
    const rows = events.map((e) => ({
      id: e.id, occurredAt: e.occurredAt, type: e.type, description: describeEvent(e), alerts: feeds.get(e.id) ?? [],
      person: displayName(key, c.var.person.role, e.employee), pid: pseudonymId(key, e.employee),
    }));
    return c.html(
      <ActivityPage
        viewer={c.var.person} rows={rows} days={perDay(events.map((e) => new Date(e.occurredAt).toISOString()))} filter={filter} limit={LIMIT}
        who={employee && displayName(key, c.var.person.role, employee)}
      />,
      parsed.success ? 200 : 400,
    );
  });
