import type { Services } from '../env';
import { withoutFingerprints } from '../ingest/fingerprint-keying';

/**
 * Everything the server stores about one employee, for their own copy (GDPR art. 15, 152-FZ art. 14):
 * the events their browsers sent (as sent, less the contact fingerprints, which are stored keyed and
 * mean nothing to anyone without the server's key), their devices, their score with its factors and
 * history, the HR signals recorded for them, the alerts about them and the handover checks.
 */
export async function subjectAccessExport(services: Services, employee: string) {
  const { store, now } = services;
  const [events, devices, risk, history, hrSignals, alerts, handover] = await Promise.all([
    store.employeeEvents(employee, '1970-01-01T00:00:00.000Z'),
    store.listDevices(employee),
    store.risk(employee),
    store.riskHistory(employee),
    store.hrSignals(employee),
    store.listAlerts({ employee }),
    store.handoverChecks(employee),
  ]);
  return {
    employee,
    exportedAt: now().toISOString(),
    about: 'Everything crm-guard stores about you. Contact fingerprints are left out: the server keeps them only in a keyed form that identifies no one without its key. See docs/privacy-rights.md.',
    devices,
    events: events.map(withoutFingerprints),
    risk: risk ?? null,
    riskHistory: history,
    hrSignals,
    alerts,
    handover,
  };
}
