import { Hono } from 'hono';
import * as z from 'zod';
import { EVENT_TYPES, type EventType } from '../../shared/events';
import { describeEvent } from '../alerts/evidence';
import { requirePage } from '../auth/page-auth';
import { displayName, pseudonymId, PSEUDONYM_ID } from '../people/pseudonyms';
import { ActivityPage } from '../views/activity';
import { activityCharts, timelineStart } from '../views/activity-volume';
import type { AppEnv } from '../env';

/** Events one page reads at most: the newest that match. */
const LIMIT = 300;

const ActivityQuery = z.object({
  employee: z.string().regex(PSEUDONYM_ID).optional(),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]).optional(),
  crm: z.string().trim().toLowerCase().max(64).optional(),
  destination: z.string().trim().toLowerCase().max(64).optional(),
  from: z.iso.date().optional(),
  until: z.iso.date().optional(),
});

/** Days the page covers when the URL names no start: the last month. */
const DEFAULT_DAYS = 30;
/** The longest window drawn: charts of a longer one would be read by nobody and cost a year of events to group. */
const MAX_DAYS = 366;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/** The window the URL asks for, [from, until] in whole UTC days, or why it cannot be drawn. */
function activityWindow(filter: { from?: string; until?: string }, today: string): { from: string; until: string; error?: string } {
  const until = filter.until ?? today;
  const from = filter.from ?? dayOf(Date.parse(`${until}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS);
  if (from > until) return { from: until, until, error: `From (${from}) is after until (${until}): showing ${until} only.` };
  if (Date.parse(until) - Date.parse(from) >= MAX_DAYS * DAY_MS) {
    const start = dayOf(Date.parse(`${until}T00:00:00Z`) - (MAX_DAYS - 1) * DAY_MS);
    return { from: start, until, error: `At most ${MAX_DAYS} days at once: showing ${start} to ${until}.` };
  }
  return { from, until };
}

/**
 * The activity explorer, per person (by pseudonym id) or organisation-wide; people as pseudonyms for
 * security. Every filter is in the URL. The charts count every matching event of the window (grouped by
 * the database); the timeline lists the newest of them.
 */
export const activityPageRoutes = new Hono<AppEnv>()
  .get('/activity', requirePage('admin', 'security'), async (c) => {
    const { store, now } = c.var.services;
    const parsed = ActivityQuery.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
    const filter = parsed.success ? parsed.data : {};
    const key = await c.var.services.pseudonymKey();
    const employee = filter.employee ? await c.var.services.pseudonyms.employee(filter.employee) : undefined;
    if (filter.employee && !employee) return c.redirect('/activity', 303);
    const window = activityWindow(filter, dayOf(now().getTime()));
    const range = { since: `${window.from}T00:00:00.000Z`, until: new Date(Date.parse(`${window.until}T00:00:00Z`) + DAY_MS).toISOString() };
    const selected = { employee, type: filter.type, crm: filter.crm, destination: filter.destination, ...range };
    const cells = await store.consoleReads.activityVolume(selected);
    // Everyone's timeline reads from the day its newest events begin, as the day counts say.
    const stored = await store.listEvents({ ...selected, since: employee ? range.since : timelineStart(cells, LIMIT, range.since), limit: LIMIT });
    const events = stored.map((s) => s.event);
    const alerts = await store.listAlerts(employee ? { employee } : {});
    const feeds = new Map<string, { id: string; title: string }[]>();
    for (const a of alerts) for (const id of a.eventIds) feeds.set(id, [...(feeds.get(id) ?? []), { id: a.id, title: a.title }]);
    const rows = events.map((e) => ({
      id: e.id, occurredAt: e.occurredAt, type: e.type, description: describeEvent(e), alerts: feeds.get(e.id) ?? [],
      person: displayName(key, c.var.person.role, e.employee), pid: pseudonymId(key, e.employee),
    }));
    const error = parsed.success ? window.error : `Filter ignored: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`;
    return c.html(
      <ActivityPage
        viewer={c.var.person} rows={rows} charts={activityCharts(cells, window.from, window.until)} filter={filter} window={window} limit={LIMIT}
        who={employee && displayName(key, c.var.person.role, employee)} error={error}
      />,
      error ? 400 : 200,
    );
  });
