import { describe, it, expect } from 'vitest';
import { measureTable } from './table';

const shape = (text: string) => {
  const { rows, columns } = measureTable(text);
  return { rows, columns };
};

describe('measureTable', () => {
  it('counts data rows without the header, and columns', () => {
    const csv = 'Name,Email,Phone\nIvan,ivan@example.ru,+7 (495) 123-45-67\nAnna,anna@example.ru,8 916 555 12 34\n';
    expect(measureTable(csv)).toMatchObject({ rows: 2, columns: 3, emailCount: 2, phoneCount: 2 });
  });

  it('counts the contacts inside, case-folded and de-duplicated', () => {
    const csv = 'Email\nIvan@Example.ru\nivan@example.ru\nanna@example.ru';
    const table = measureTable(csv);
    expect(table.emailCount).toBe(2);
    expect(table.emails.sort()).toEqual(['anna@example.ru', 'ivan@example.ru']);
  });

  it('does not split quoted cells at commas', () => {
    expect(shape('Name,Company,Email\n"Petrov, Ivan","Acme, Inc.",ivan@example.ru\n')).toEqual({ rows: 1, columns: 3 });
  });

  it('reads doubled quotes inside quoted cells', () => {
    expect(shape('Name,Company\nIvan,"ООО ""Ромашка"", Москва"\nAnna,"""Vector"""\n')).toEqual({ rows: 2, columns: 2 });
  });

  it('keeps line breaks inside quoted cells in one record', () => {
    const csv = 'Name,Address,Email\nIvan,"ул. Ленина, 1\nкв. 2\r\nМосква",ivan@example.ru\nAnna,"line one\n\nline three",anna@example.ru\n';
    expect(measureTable(csv)).toMatchObject({ rows: 2, columns: 3, emailCount: 2 });
  });

  it('handles CRLF line ends', () => {
    expect(shape('Name,Email\r\nIvan,ivan@example.ru\r\nAnna,anna@example.ru\r\n')).toEqual({ rows: 2, columns: 2 });
  });

  it('ignores a byte-order mark', () => {
    const table = measureTable('\uFEFFEmail;Name\r\nivan@example.ru;Ivan\r\n');
    expect(table).toMatchObject({ rows: 1, columns: 2, emailCount: 1, emails: ['ivan@example.ru'] });
  });

  it('guesses a semicolon delimiter (Excel in Russian and European locales)', () => {
    expect(shape('Имя;Email;Сумма\nИван;ivan@example.ru;1,5\nАнна;anna@example.ru;2,75\n')).toEqual({ rows: 2, columns: 3 });
  });

  it('guesses a tab delimiter', () => {
    expect(shape('Name\tEmail\tNote\nIvan\tivan@example.ru\ta, b, c\n')).toEqual({ rows: 1, columns: 3 });
  });

  it('guesses a pipe delimiter', () => {
    expect(shape('Name|Email\nIvan|ivan@example.ru\n')).toEqual({ rows: 1, columns: 2 });
  });

  it('does not take a comma inside data rows for a delimiter when the header uses semicolons', () => {
    expect(shape('A;B\n"1,2,3,4";x\n')).toEqual({ rows: 1, columns: 2 });
  });

  it('gives zeros for an empty file', () => {
    expect(measureTable('')).toMatchObject({ rows: 0, columns: 0, emailCount: 0, phoneCount: 0, rowCount: 0 });
    expect(shape('\uFEFF')).toEqual({ rows: 0, columns: 0 });
    expect(shape('\n\r\n\n')).toEqual({ rows: 0, columns: 0 });
  });

  it('gives no rows for a header only', () => {
    expect(shape('Name,Email,Phone')).toEqual({ rows: 0, columns: 3 });
    expect(shape('Name,Email,Phone\r\n')).toEqual({ rows: 0, columns: 3 });
  });

  it('ignores trailing and inner blank lines', () => {
    expect(shape('Name,Email\nIvan,ivan@example.ru\n\n\nAnna,anna@example.ru\n\n\n')).toEqual({ rows: 2, columns: 2 });
    expect(shape('Name,Email\r\nIvan,ivan@example.ru\r\n\r\n   \r\n')).toEqual({ rows: 1, columns: 2 });
  });

  it('counts a row of empty cells as a row', () => {
    expect(shape('A,B,C\n,,\nx,y,z\n')).toEqual({ rows: 2, columns: 3 });
  });

  it('takes the widest row for ragged rows', () => {
    expect(shape('A,B\n1\n1,2,3,4,5\n1,2\n')).toEqual({ rows: 3, columns: 5 });
  });

  it('counts a single column', () => {
    expect(shape('Email\nivan@example.ru\nanna@example.ru')).toEqual({ rows: 2, columns: 1 });
  });

  it('measures a large export', () => {
    const lines = ['Id,Name,Email,Phone'];
    for (let i = 0; i < 5_000; i++) lines.push(`${i},"Contact, ${i}",user${i}@example.com,+7 916 ${String(i).padStart(3, '0').slice(-3)} 12 34`);
    expect(measureTable(lines.join('\r\n') + '\r\n')).toMatchObject({ rows: 5_000, columns: 4, emailCount: 5_000, phoneCount: 5_000 });
  });
});
