import * as z from 'zod';
import type { HrSignal } from '../../shared/api';
import { isCalendarDate } from '../risk/days';

/** The header Microsoft Purview's HR connector uses for departing employees. */
export const HR_CSV_HEADER = ['EmailAddress', 'ResignationDate', 'LastWorkingDate'] as const;

export interface HrCsvResult {
  signals: HrSignal[];
  /**
   * From optional `Department`, `JobTitle` and `HireDate` columns: the directory's peer group (the job title
   * where enough people share it) and a new starter's first month.
   */
  departments: { employee: string; department: string; jobTitle?: string; hiredOn?: string }[];
  errors: { row: number; message: string }[];
}

const Email = z.email();

/**
 * Parses the Purview-format CSV into HR signals, plus optional `Department`, `JobTitle` and `HireDate` columns
 * for the directory (a job title or hire date needs the row's department: the directory's entry is a peer group).
 * Each bad row gets an error for every problem it has (1-based row numbers, counting the header as row 1)
 * and the good rows are still returned; a wrong header fails the file. Contradictions are problems too,
 * never silently resolved: a resignation after the last working day, or one person's rows giving two
 * different notices or last days (all of that person's rows are then left out). BOM, CRLF and semicolon-separated files are accepted.
 */
export function parseHrCsv(text: string): HrCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error('the file is empty');
  const delimiter = lines[0]!.includes(';') && !lines[0]!.includes(',') ? ';' : ',';
  const header = splitRow(lines[0]!, delimiter).map((h) => h.trim());
  const index = HR_CSV_HEADER.map((name) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase()));
  if (index.some((i) => i === -1)) {
    throw new Error(`the header must name ${HR_CSV_HEADER.join(', ')}; found ${header.join(', ') || 'nothing'}`);
  }
  const [emailAt, resignedAt, lastDayAt] = index as [number, number, number];
  const columnAt = (name: string) => header.findIndex((h) => h.toLowerCase() === name);
  const [departmentAt, titleAt, hiredAt] = [columnAt('department'), columnAt('jobtitle'), columnAt('hiredate')];
  const departments = new Map<string, HrCsvResult['departments'][number]>();
  const errors: HrCsvResult['errors'] = [];
  const firstRowOf = new Map<string, number>();
  const rows: { row: number; email: string; signals: HrSignal[] }[] = [];
  lines.slice(1).forEach((line, i) => {
    const row = i + 2;
    const cells = splitRow(line, delimiter).map((c) => c.trim());
    const email = cells[emailAt] ?? '';
    const key = `${email.toLowerCase()}|${cells[resignedAt] ?? ''}|${cells[lastDayAt] ?? ''}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) return errors.push({ row, message: `duplicate of row ${first}; imported once` });
    firstRowOf.set(key, row);
    // Every problem of the row, not only the first: the person fixing the file fixes it once.
    const problems: string[] = [];
    if (!Email.safeParse(email).success) problems.push(`EmailAddress "${email}" is not an e-mail address`);
    const [department, jobTitle, hireDate] = [departmentAt, titleAt, hiredAt].map((at) => (at >= 0 ? cells[at] ?? '' : ''));
    for (const [value, column] of [[department, 'Department'], [jobTitle, 'JobTitle']] as const) {
      if (value!.length > 128) problems.push(`${column} is longer than 128 characters`);
      // PostgreSQL's text cannot hold it; refused on both backends alike.
      if (value!.includes('\0')) problems.push(`${column} contains the character U+0000`);
    }
    // The calendar date as written: a date-time's offset does not move a hire to the day before.
    const hiredOn = hireDate && parseDate(hireDate) ? hireDate.slice(0, 10) : undefined;
    if (hireDate && !hiredOn) problems.push(`HireDate "${hireDate}" is not a date (use YYYY-MM-DD or ISO 8601)`);
    if ((jobTitle || hireDate) && !department) problems.push('JobTitle and HireDate need the row\'s Department');
    const dates: Partial<Record<'resignation_notice' | 'last_working_day', string>> = {};
    for (const [value, kind, column] of [[cells[resignedAt] ?? '', 'resignation_notice', 'ResignationDate'], [cells[lastDayAt] ?? '', 'last_working_day', 'LastWorkingDate']] as const) {
      if (value === '') continue;
      const date = parseDate(value);
      if (date) dates[kind] = date;
      else problems.push(`${column} "${value}" is not a date (use YYYY-MM-DD or ISO 8601)`);
    }
    if (cells[resignedAt] === '' && cells[lastDayAt] === '' && !department) problems.push('neither ResignationDate nor LastWorkingDate is given');
    if (dates.resignation_notice && dates.last_working_day && dates.resignation_notice.slice(0, 10) > dates.last_working_day.slice(0, 10)) {
      problems.push(`contradiction: ResignationDate ${dates.resignation_notice.slice(0, 10)} is after LastWorkingDate ${dates.last_working_day.slice(0, 10)}`);
    }
    if (problems.length > 0) return errors.push(...problems.map((message) => ({ row, message })));
    // Only a row that is valid throughout contributes anything.
    const employeeEmail = email.toLowerCase();
    rows.push({ row, email: employeeEmail, signals: Object.entries(dates).map(([kind, effectiveDate]) => ({ employeeEmail, kind: kind as HrSignal['kind'], effectiveDate })) });
    if (department) departments.set(employeeEmail, { employee: employeeEmail, department: department!, ...(jobTitle ? { jobTitle } : {}), ...(hiredOn ? { hiredOn } : {}) });
  });
  const byPerson = new Map<string, typeof rows>();
  for (const r of rows) byPerson.set(r.email, [...(byPerson.get(r.email) ?? []), r]);
  const signals: HrSignal[] = [];
  for (const own of byPerson.values()) {
    const conflict = contradiction(own.flatMap((r) => r.signals));
    if (!conflict) {
      signals.push(...own.flatMap((r) => r.signals));
      continue;
    }
    // Two different notices (or last days) for one person: which is true is HR's call, not the importer's.
    for (const r of own) errors.push({ row: r.row, message: `contradiction: the same person has ${conflict} in rows ${own.map((o) => o.row).join(', ')}; none of them imported` });
  }
  errors.sort((a, b) => a.row - b.row);
  return { signals, departments: [...departments.values()], errors };
}

/** What two of one person's rows disagree on, if anything: two notices, or two last days. */
function contradiction(signals: readonly HrSignal[]): string | undefined {
  for (const [kind, name] of [['resignation_notice', 'two resignation dates'], ['last_working_day', 'two last working days']] as const) {
    const dates = new Set(signals.filter((s) => s.kind === kind).map((s) => s.effectiveDate.slice(0, 10)));
    if (dates.size > 1) return `${name} (${[...dates].sort().join(' and ')})`;
  }
  return undefined;
}

/** A date as written, or a date-time (any offset) returned in UTC; either way the calendar date as written must exist. */
function parseDate(value: string): string | undefined {
  if (isCalendarDate(value)) return value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !isCalendarDate(value.slice(0, 10))) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** One CSV row; double-quoted cells may hold the delimiter and "" escapes. */
function splitRow(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}
