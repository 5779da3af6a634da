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
      'bad-email,2026-11-01,',
      'c@acme.example,2026-02-30,',
      'd@acme.example,01/11/2026,',
      'e@acme.example,,',
    ].join('\n'));
    expect(signals).toHaveLength(1);
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect(errors[1]!.message).toContain('ResignationDate');
  });

  it('refuses a file with the wrong header or no content', () => {
    expect(() => parseHrCsv('Email,When\nx@y.z,2026-01-01')).toThrow(/EmailAddress, ResignationDate, LastWorkingDate/);
    expect(() => parseHrCsv('\n\n')).toThrow(/empty/);
  });
});
