import { Hono } from 'hono';
import { requirePage } from '../auth/page-auth';
import { displayName, pseudonymId } from '../people/pseudonyms';
import { loadPolicy } from '../policy/policy';
import { DEVICES_SHOWN, DeviceCoveragePage } from '../views/devices';
import { pageNumber } from '../views/pager';
import type { AppEnv } from '../env';
import type { DeviceStatus } from '../ingest/device-protection';

const STATUSES: readonly DeviceStatus[] = ['active', 'silent', 'uninstalled'];

/** The device coverage page: what GET /v1/devices says, for people, with pseudonyms for security. */
export const devicePageRoutes = new Hono<AppEnv>()
  .get('/devices', requirePage('admin', 'security'), async (c) => {
    const { store, now, secrets } = c.var.services;
    const [{ coverage }, key] = await Promise.all([loadPolicy(store, secrets.fingerprintSalt), c.var.services.pseudonymKey()]);
    const status = STATUSES.find((s) => s === c.req.query('status'));
    const page = pageNumber(c.req.query('page'));
    // A browser is silent when not heard from for the policy's hours: the same test as deviceStatus, in SQL.
    const silentBefore = new Date(now().getTime() - coverage.silentAfterHours * 3_600_000).toISOString();
    const [summary, shown] = await Promise.all([
      store.consoleReads.coverageSummary(silentBefore),
      store.consoleReads.devicesNeedingALook(silentBefore, DEVICES_SHOWN, (page - 1) * DEVICES_SHOWN, status),
    ]);
    const rows = shown.map((d) => ({ ...d, person: displayName(key, c.var.person.role, d.employee), pid: pseudonymId(key, d.employee) }));
    return c.html(<DeviceCoveragePage viewer={c.var.person} devices={rows} summary={summary} page={page} silentAfterHours={coverage.silentAfterHours} status={status} />);
  });
