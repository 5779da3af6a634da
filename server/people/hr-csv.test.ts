import { describe, expect, it } from 'vitest';
import { parseHrCsv } from './hr-csv';

describe('parseHrCsv', () => {
  it('reads the Purview header with a BOM and CRLF, in any column order and case', () => {
    const { signals, errors } = parseHrCsv('\uFEFFlastworkingdate,EmailAddress,ResignationDate\r\n2026-12-01,A@Acme.example,2026-11-01\r\n');
    expect(errors).toEqual([]);
    expect(signals).toEqual([
      { employeeEmail: 'a@acme.example', kind: 'resignation_notice', effectiveDate: '2026-11-01' },
      { employeeEmail: 'a@acme.example', kind: 'last_working_day', effectiveDate: '2026-12-01' },
    ]);
  });

  it('accepts semicolons and quoted cells', () => {
    const { signals } = parseHrCsv('EmailAddress;ResignationDate;LastWorkingDate\n"b@acme.example";2026-11-01T09:00:00Z;\n');
    expect(signals).toEqual([{ employeeEmail: 'b@acme.example', kind: 'resignation_notice', effectiveDate: '2026-11-01T09:00:00.000Z' }]);
  });

  it('reports each bad row with its number and keeps the good ones', () => {
    const { signals, errors } = parseHrCsv([
      'EmailAddress,ResignationDate,LastWorkingDate',
      'ok@acme.example,2026-11-01,',
      'rolled@acme.example,2026-04-31T09:00:00Z,',
      'bad-email,2026-11-01,',
      'c@acme.example,2026-02-30,',
      'd@acme.example,01/11/2026,',
      'e@acme.example,,',
    ].join('\n'));
    expect(signals).toHaveLength(1);
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    // A date-time whose calendar date does not exist (V8 would roll it over to May) is no date.
    expect(errors[0]!.message).toBe('ResignationDate "2026-04-31T09:00:00Z" is not a date (use YYYY-MM-DD or ISO 8601)');
    expect(errors[2]!.message).toContain('ResignationDate');
  });

  it('refuses a file with the wrong header or no content', () => {
    expect(() => parseHrCsv('Email,When\nx@y.z,2026-01-01')).toThrow(/EmailAddress, ResignationDate, LastWorkingDate/);
    expect(() => parseHrCsv('\n\n')).toThrow(/empty/);
  });

  it('reports every problem of a row, not only the first', () => {
    const { signals, errors } = parseHrCsv('EmailAddress,ResignationDate,LastWorkingDate\nnot-mail,2026-13-01,31/12/2026\n');
    expect(signals).toEqual([]);
    expect(errors).toEqual([
      { row: 2, message: 'EmailAddress "not-mail" is not an e-mail address' },
      { row: 2, message: 'ResignationDate "2026-13-01" is not a date (use YYYY-MM-DD or ISO 8601)' },
      { row: 2, message: 'LastWorkingDate "31/12/2026" is not a date (use YYYY-MM-DD or ISO 8601)' },
    ]);
  });

  it('flags contradictions instead of applying them', () => {
    const { signals, errors } = parseHrCsv([
      'EmailAddress,ResignationDate,LastWorkingDate',
      'late@acme.example,2026-12-10,2026-11-30',
      'twice@acme.example,2026-11-01,',
      'fine@acme.example,2026-11-01,2026-11-30',
      'twice@acme.example,2026-11-15,',
      'fine@acme.example,,2026-11-30',
    ].join('\n'));
    expect(signals.map((s) => s.employeeEmail)).toEqual(['fine@acme.example', 'fine@acme.example', 'fine@acme.example']);
    expect(errors).toEqual([
      { row: 2, message: 'contradiction: ResignationDate 2026-12-10 is after LastWorkingDate 2026-11-30' },
      { row: 3, message: 'contradiction: the same person has two resignation dates (2026-11-01 and 2026-11-15) in rows 3, 5; none of them imported' },
      { row: 5, message: 'contradiction: the same person has two resignation dates (2026-11-01 and 2026-11-15) in rows 3, 5; none of them imported' },
    ]);
  });

  it('reads job titles and hire dates beside the department, and asks for the department they belong to', () => {
    const { departments, errors } = parseHrCsv([
      'EmailAddress,ResignationDate,LastWorkingDate,Department,JobTitle,HireDate',
      'new@acme.example,,,Sales,Account Executive,2026-11-16',
      'sdr@acme.example,,,Sales,SDR,2026-11-16T00:00:00+02:00',
      'plain@acme.example,,,Support,,',
      'nodept@acme.example,,,,SDR,2026-11-16',
      'baddate@acme.example,,,Sales,,16/11/2026',
      'nodate@acme.example,,,Sales,,2026-02-30T00:00:00Z',
      `long@acme.example,,,Sales,${'x'.repeat(129)},`,
    ].join('\n'));
    expect(departments).toEqual([
      { employee: 'new@acme.example', department: 'Sales', jobTitle: 'Account Executive', hiredOn: '2026-11-16' },
      // The date as written: its offset does not move the hire to the day before.
      { employee: 'sdr@acme.example', department: 'Sales', jobTitle: 'SDR', hiredOn: '2026-11-16' },
      { employee: 'plain@acme.example', department: 'Support' },
    ]);
    expect(errors).toEqual([
      { row: 5, message: 'JobTitle and HireDate need the row\'s Department' },
      { row: 5, message: 'neither ResignationDate nor LastWorkingDate is given' },
      { row: 6, message: 'HireDate "16/11/2026" is not a date (use YYYY-MM-DD or ISO 8601)' },
      { row: 7, message: 'HireDate "2026-02-30T00:00:00Z" is not a date (use YYYY-MM-DD or ISO 8601)' },
      { row: 8, message: 'JobTitle is longer than 128 characters' },
    ]);
  });
});
