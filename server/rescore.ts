import { EXFILTRATION_TYPES, type Event } from '../shared/events';
import type { EmployeeRisk } from '../shared/risk';
import { detectAlerts } from './risk/alerts';
import { matchLineage, type FingerprintSet, type LineageMatch } from './risk/lineage';
import { RISK_MODEL } from './risk/model';
import { scoreEmployee } from './risk/score';
import type { Store } from './store/store';

const DAY_MS = 86_400_000;
const EXFILTRATING: readonly string[] = EXFILTRATION_TYPES;
const LINEAGE_SOURCES: readonly string[] = ['crm.export', 'crm.copy'];

/**
 * Recomputes one employee's score and alerts from the stored evidence. Called after ingest commits,
 * for the employees it touched, and on HR signals; reading everything again keeps the result
 * independent of the order events arrived in (an upload synced before the copy that fed it).
 */
export function rescoreEmployee(store: Store, employee: string, now: Date, sequenceWindowHours: number): Promise<EmployeeRisk> {
  // One rescore per employee at a time in this process, so an older result never overwrites a newer one.
  const previous = running.get(employee) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => computeAndSave(store, employee, now, sequenceWindowHours));
  running.set(employee, next);
  void next.finally(() => { if (running.get(employee) === next) running.delete(employee); }).catch(() => undefined);
  return next;
}

const running = new Map<string, Promise<EmployeeRisk>>();

/** Rescores everyone whose score is older than `maxAgeMs`, so decay shows even when nothing new arrives. */
export async function rescoreStale(store: Store, now: Date, sequenceWindowHours: number, maxAgeMs: number): Promise<number> {
  const stale = (await store.listRisks()).filter((r) => now.getTime() - Date.parse(r.updatedAt) > maxAgeMs);
  for (const risk of stale) await rescoreEmployee(store, risk.employee, now, sequenceWindowHours);
  return stale.length;
}

async function computeAndSave(store: Store, employee: string, now: Date, sequenceWindowHours: number): Promise<EmployeeRisk> {
  // Lineage looks back a further window before the oldest scored upload.
  const since = new Date(now.getTime() - 2 * RISK_MODEL.windowDays * DAY_MS).toISOString();
  const [history, hrSignals] = await Promise.all([store.employeeEvents(employee, since), store.hrSignals(employee)]);
  const lineage = lineageOf(history);
  const risk = scoreEmployee({ employee, now, events: history, lineage, hrSignals, sequenceWindowHours });
  await store.saveRisk(risk);

  const recent = history.filter((e) => now.getTime() - Date.parse(e.occurredAt) <= RISK_MODEL.windowDays * DAY_MS);
  const nowIso = now.toISOString();
  for (const candidate of detectAlerts(recent, lineage, sequenceWindowHours)) {
    await store.upsertOpenAlert({ employee, ...candidate }, nowIso);
  }
  return risk;
}

/** For each upload or paste, which CRM exports and copies (up to 30 days before it) its contacts came from. */
export function lineageOf(events: readonly Event[]): Map<string, LineageMatch> {
  const sources = events.filter((e) => LINEAGE_SOURCES.includes(e.type));
  const result = new Map<string, LineageMatch>();
  for (const upload of events) {
    if (!EXFILTRATING.includes(upload.type)) continue;
    const at = Date.parse(upload.occurredAt);
    const candidates = sources.filter((s) => {
      const gap = at - Date.parse(s.occurredAt);
      // A few minutes of clock skew between tabs is tolerated.
      return gap >= -5 * 60_000 && gap <= RISK_MODEL.windowDays * DAY_MS;
    });
    const match = matchLineage(fingerprintsOf(upload), candidates.map(fingerprintsOf));
    if (match) result.set(upload.id, match);
  }
  return result;
}

function fingerprintsOf(e: Event): FingerprintSet {
  return 'fingerprints' in e
    ? { eventId: e.id, fingerprints: e.fingerprints, fingerprintLevel: e.fingerprintLevel }
    : { eventId: e.id, fingerprints: [], fingerprintLevel: 0 };
}
