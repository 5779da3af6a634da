import { recordAudit } from '../audit/audit';
import type { Services } from '../env';
import { recordHrSignals } from './hr-signals';
import type { Role } from '../store/store';
import type { HrCsvResult } from './hr-csv';
import { displayName } from './pseudonyms';

/** At most this many unknown people are named; the count is always whole. */
const UNKNOWN_LISTED = 1000;

/** What an HR import did, as the page and the API say it. */
export interface HrImportReport {
  /** Signals in the rows that were valid throughout. */
  imported: number;
  /** Of those, how many were not recorded before. */
  added: number;
  departments: number;
  /** People with signals crm-guard has never seen report in: kept (they may enroll later), but said. */
  unknownEmployees: number;
  /** Those people (the first thousand), as this viewer may see them: pseudonyms for HR and security, e-mails for admins. */
  unknown: string[];
  errors: HrCsvResult['errors'];
}

/**
 * Records a parsed HR file and says what it did; the import is written to the audit log with its
 * counts (never the names in it), whoever sent it and through which door.
 */
export async function importHrFile(services: Services, actor: { subject: string; role: Role }, parsed: HrCsvResult, via: 'api' | 'console'): Promise<HrImportReport> {
  const known = new Set(await services.store.knownEmployees());
  const unknownPeople = [...new Set(parsed.signals.map((s) => s.employeeEmail).filter((e) => !known.has(e)))].sort();
  const added = await recordHrSignals(services, parsed.signals, parsed.departments, 'csv');
  const key = await services.pseudonymKey();
  const report = {
    imported: parsed.signals.length,
    added,
    departments: parsed.departments.length,
    unknownEmployees: unknownPeople.length,
    unknown: unknownPeople.slice(0, UNKNOWN_LISTED).map((e) => displayName(key, actor.role, e)),
    errors: parsed.errors,
  };
  await recordAudit(services, actor.subject, 'hr.import', 'hr', {
    via, imported: report.imported, added, departments: report.departments, unknownEmployees: report.unknownEmployees,
    rowsWithProblems: new Set(parsed.errors.map((e) => e.row)).size,
  });
  return report;
}

/** The page's one-line summary of an import. */
export function importSummary(report: HrImportReport): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const rows = new Set(report.errors.map((e) => e.row)).size;
  return [
    `Imported ${plural(report.imported, 'signal')} (${report.added} new) and ${plural(report.departments, 'directory entry', 'directory entries')}.`,
    report.unknownEmployees > 0 ? `${plural(report.unknownEmployees, 'person is', 'people are')} not known to crm-guard yet (no browser has reported for them); their signals are kept for when one does.` : '',
    rows > 0 ? `${plural(rows, 'row was', 'rows were')} not imported: see below.` : '',
  ].filter(Boolean).join(' ');
}
