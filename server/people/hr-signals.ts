import { randomUUID } from 'node:crypto';
import type { HrSignal } from '../../shared/api';
import type { Services } from '../env';
import type { DirectoryEntry } from '../store/store';
import { scoringSettings } from '../policy/policy';
import { forgetPeers, rescoreAll, rescoreEmployee } from '../scoring/rescore';
import { rewriteDepartureHistory } from '../scoring/rescore-history';

/** Beyond this many people, one full rescore is cheaper than rescoring them one by one. */
const RESCORE_ONE_BY_ONE = 200;

/** Stores signals and directory entries in one transaction, then rescores whoever they touch. */
export async function recordHrSignals(services: Services, signals: HrSignal[], entries: DirectoryEntry[], source: string) {
  const { store, now, secrets } = services;
  const at = now().toISOString();
  const added = await store.importHr(
    signals.map((s) => ({ id: randomUUID(), employee: s.employeeEmail.toLowerCase(), kind: s.kind, effectiveDate: s.effectiveDate, source, createdAt: at })),
    entries,
    at,
  );
  // Peer groups and hire dates are read with the cached peers: a directory change must not wait for their refresh.
  if (entries.length > 0) forgetPeers(store);
  const settings = await scoringSettings(store, secrets.fingerprintSalt);
  // Only people with activity have something to rescore; a signal for anyone else waits for their first event.
  const known = new Set(await store.knownEmployees());
  const touched = new Set([...signals.map((s) => s.employeeEmail.toLowerCase()), ...entries.map((d) => d.employee)].filter((e) => known.has(e)));
  if (touched.size > RESCORE_ONE_BY_ONE) await rescoreAll(store, now(), settings);
  else for (const employee of touched) await rescoreEmployee(store, employee, now(), settings);
  // Their notice re-weighs the days before it, in the history too.
  const leaving = new Set(signals.map((s) => s.employeeEmail.toLowerCase()).filter((e) => known.has(e)));
  for (const employee of leaving) await rewriteDepartureHistory(store, employee, now(), settings);
  return added;
}
