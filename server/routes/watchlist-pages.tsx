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
    const employees = leaving.map((d) => d.employee);
    // Everyone's score, trend and checklist in three reads, not two per person.
    const [risks, histories, handovers] = await Promise.all([store.risksOf(employees), store.consoleReads.riskHistories(employees), store.consoleReads.handoverItems(employees)]);
    const items = new Set<string>(HANDOVER_CHECKLIST.map((i) => i.id));
    const rows = leaving.map((d) => ({
      ...d,
      person: displayName(key, c.var.person.role, d.employee),
      pid: pseudonymId(key, d.employee),
      risk: risks.get(d.employee),
      history: histories.get(d.employee) ?? [],
      handoverDone: (handovers.get(d.employee) ?? []).filter((item) => items.has(item)).length,
    }));
    return c.html(<WatchlistPage viewer={c.var.person} rows={rows} handoverItems={items.size} />);
  });
