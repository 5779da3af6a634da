import { Hono } from 'hono';
import { requirePage } from '../auth/page-auth';
import { displayName, pseudonymId } from '../people/pseudonyms';
import { loadPolicy } from '../policy/policy';
import { DeviceCoveragePage } from '../views/devices';
import type { AppEnv } from '../env';
import { deviceStatus, type DeviceStatus } from '../ingest/device-protection';

const STATUSES: readonly DeviceStatus[] = ['active', 'silent', 'uninstalled'];

/** The device coverage page: what GET /v1/devices says, for people, with pseudonyms for security. */
export const devicePageRoutes = new Hono<AppEnv>()
  .get('/devices', requirePage('admin', 'security'), async (c) => {
    const { store, now, secrets } = c.var.services;
    const [{ coverage }, devices, key] = await Promise.all([loadPolicy(store, secrets.fingerprintSalt), store.listDevices(), c.var.services.pseudonymKey()]);
    const status = STATUSES.find((s) => s === c.req.query('status'));
    // The pseudonym (an HMAC) is worked out when a row is shown, not for each of ten thousand devices.
    const rows = devices.map((d) => ({
      ...d,
      status: deviceStatus(d, now(), coverage.silentAfterHours),
      get person() { return displayName(key, c.var.person.role, d.employee); },
      get pid() { return pseudonymId(key, d.employee); },
    }));
    return c.html(<DeviceCoveragePage viewer={c.var.person} devices={rows} silentAfterHours={coverage.silentAfterHours} status={status} />);
  });
