import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Event } from '../../shared/events';
import { lineageOf } from '../../server/scoring/record-lineage';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { eventsByEmployee, type EvaluationOrg } from './evaluation-org';

/**
 * An evaluation organisation in a fresh SQLite store, the way the server takes it in: each person's events
 * stored in batches by their device (the daily sums grow in the same transaction), lineage saved as ingest
 * saves it, HR signals and the directory (department, job title, manager) as the HR import and
 * SCIM write them, and the declared change windows. No HTTP (the scoring path is what is measured) and no
 * rescoring on ingest (the evaluation scores day by day with the backtest's code).
 */
export async function orgStore(org: EvaluationOrg, batchSize = 2000): Promise<{ store: Store; destroy: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-eval-'));
  const store = await openSqliteStore(path.join(dir, 'crm-guard.db'));
  const now = new Date(Date.parse(org.start) + org.days * 86_400_000).toISOString();
  const devices = new Map<string, string>();
  for (const person of org.people) {
    const id = randomUUID();
    devices.set(person.email, id);
    await store.createDevice({ id, employee: person.email, name: 'evaluation', extensionVersion: '0.1.0', enrolledAt: org.start, lastSeenAt: null }, `hash-${id}`, null);
  }
  // Each person's events in time order, a few thousand a transaction (a device flushing its queue). Lineage
  // is matched in memory by the function ingest's shares (`lineageOf`, `matchLineage`) and saved as ingest
  // saves it: recordLineage's re-reads of 30 days of exports per batch would be most of the run, and
  // test/integration/one-scoring-path.test.ts checks that both give the same scores.
  const byEmployee = eventsByEmployee(org);
  for (const [employee, events] of byEmployee) {
    for (let i = 0; i < events.length; i += batchSize) {
      const batch = events.slice(i, i + batchSize);
      await store.insertEvents(devices.get(employee) ?? 'unknown-device', batch, now);
    }
    const lineage = lineageOf(events.filter((e) => e.type !== 'crm.record_view' && e.type !== 'agent.heartbeat'));
    for (const e of events) if (lineage.has(e.id)) await store.saveLineage(employee, e, lineage.get(e.id));
  }
  await store.importHr(
    org.hrSignals.map((s) => ({ id: randomUUID(), employee: s.employeeEmail.toLowerCase(), kind: s.kind, effectiveDate: s.effectiveDate, source: 'csv', createdAt: now })),
    [],
    now,
  );
  for (const w of org.changeWindows) {
    await store.addChangeWindow({ id: randomUUID(), employees: w.employees.map((e) => e.toLowerCase()), from: w.from, to: w.to, reason: w.reason, createdBy: 'evaluation', createdAt: now });
  }
  await store.setDirectory(org.people.map((p) => ({ employee: p.email, department: p.department, jobTitle: p.jobTitle, manager: p.manager ?? null, hiredOn: p.hiredOn ?? null })), now);
  return {
    store,
    async destroy() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
