import * as z from 'zod';
import type { HrSignal } from '../../shared/api';

/** The header Microsoft Purview's HR connector uses for departing employees. */
export const HR_CSV_HEADER = ['EmailAddress', 'ResignationDate', 'LastWorkingDate'] as const;

export interface HrCsvResult {
  signals: HrSignal[];
  /** From an optional `Department` column: the employee's peer group. */
  departments: { employee: string; department: string }[];
  errors: { row: number; message: string }[];
}

const Email = z.email();

/**
 * Parses the Purview-format CSV into HR signals, plus an optional `Department` column for peer groups.
 * Each bad row gets its own error (1-based row numbers, counting the header as row 1) and the good rows
 * are still returned; a wrong header fails the file. BOM, CRLF and semicolon-separated files are accepted.
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
  const departmentAt = header.findIndex((h) => h.toLowerCase() === 'department');
  const signals: HrSignal[] = [];
  const departments = new Map<string, string>();
  const errors: HrCsvResult['errors'] = [];
  const firstRowOf = new Map<string, number>();
  lines.slice(1).forEach((line, i) => {
    const row = i + 2;
    const cells = splitRow(line, delimiter).map((c) => c.trim());
    const email = cells[emailAt] ?? '';
    if (!Email.safeParse(email).success) return errors.push({ row, message: `EmailAddress "${email}" is not an e-mail address` });
    const key = `${email.toLowerCase()}|${cells[resignedAt] ?? ''}|${cells[lastDayAt] ?? ''}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) return errors.push({ row, message: `duplicate of row ${first}; imported once` });
    firstRowOf.set(key, row);
    const department = departmentAt >= 0 ? cells[departmentAt] ?? '' : '';
    if (department.length > 128) return errors.push({ row, message: 'Department is longer than 128 characters' });
    // PostgreSQL's text cannot hold it; refused on both backends alike.
    if (department.includes('\0')) return errors.push({ row, message: 'Department contains the character U+0000' });
    const resignation = cells[resignedAt] ?? '';
    const lastDay = cells[lastDayAt] ?? '';
    const rowSignals: HrSignal[] = [];
    for (const [value, kind, column] of [[resignation, 'resignation_notice', 'ResignationDate'], [lastDay, 'last_working_day', 'LastWorkingDate']] as const) {
      if (value === '') continue;
      const date = parseDate(value);
      if (!date) return errors.push({ row, message: `${column} "${value}" is not a date (use YYYY-MM-DD or ISO 8601)` });
      rowSignals.push({ employeeEmail: email.toLowerCase(), kind, effectiveDate: date });
    }
    if (rowSignals.length === 0 && !department) return errors.push({ row, message: 'neither ResignationDate nor LastWorkingDate is given' });
    // Only a row that is valid throughout contributes anything.
    signals.push(...rowSignals);
    if (department) departments.set(email.toLowerCase(), department);
  });
  return { signals, departments: [...departments].map(([employee, department]) => ({ employee, department })), errors };
}

function parseDate(value: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? undefined : value;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  return undefined;
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
