import { Hono } from 'hono';
import { requirePage } from '../auth/page-auth';
import { displayName, pseudonymId } from '../people/pseudonyms';
import { departing } from '../people/watchlist';
import { HANDOVER_CHECKLIST } from '../views/employee-detail';
import { WatchlistPage } from '../views/watchlist';
import type { AppEnv } from '../env';

/** The departing-employees watchlist, for security and HR; people as pseudonyms for those roles. */
export const watchlistPageRoutes = new Hono<AppEnv>()
  .get('/watchlist', requirePage('admin', 'security', 'hr'), async (c) => {
    const { store, now } = c.var.services;
    const [signals, key] = await Promise.all([store.allHrSignals(), c.var.services.pseudonymKey()]);
    const leaving = departing(signals, now().toISOString().slice(0, 10));
    const risks = await store.risksOf(leaving.map((d) => d.employee));
    const items = new Set<string>(HANDOVER_CHECKLIST.map((i) => i.id));
    const rows = await Promise.all(leaving.map(async (d) => {
      const [history, handover] = await Promise.all([store.riskHistory(d.employee), store.handoverChecks(d.employee)]);
      return {
        ...d,
        person: displayName(key, c.var.person.role, d.employee),
        pid: pseudonymId(key, d.employee),
        risk: risks.get(d.employee),
        history,
        handoverDone: handover.filter((h) => items.has(h.item)).length,
      };
    }));
    return c.html(<WatchlistPage viewer={c.var.person} rows={rows} handoverItems={items.size} />);
  });
