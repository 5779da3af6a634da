import { describe, it, expect } from 'vitest';
import { countContacts, htmlToText } from './contacts';

const phones = (text: string) => countContacts(text).phoneCount;
const emails = (text: string) => countContacts(text).emails;

describe('countContacts: e-mail addresses', () => {
  it('finds a plain address', () => {
    expect(countContacts('Write to ivan.petrov@example.ru today')).toMatchObject({ emailCount: 1, emails: ['ivan.petrov@example.ru'] });
  });

  it('case-folds and de-duplicates', () => {
    const counts = countContacts('Ivan@Example.RU, ivan@example.ru; IVAN@EXAMPLE.RU\nanna@example.ru');
    expect(counts.emailCount).toBe(2);
    expect(counts.emails.sort()).toEqual(['anna@example.ru', 'ivan@example.ru']);
  });

  it('keeps plus tags, dots, dashes and subdomains', () => {
    expect(emails('Ivan.Petrov+crm@Mail.Example-Corp.co.uk')).toEqual(['ivan.petrov+crm@mail.example-corp.co.uk']);
  });

  it('separates addresses glued to Cyrillic text', () => {
    expect(emails('почта:ivan@example.ru, тел.')).toEqual(['ivan@example.ru']);
    expect(emails('почтаivan@example.ruтелефон')).toEqual(['ivan@example.ru']);
  });

  it('separates addresses glued to CJK text', () => {
    expect(emails('联系王伟wang.wei@example.cn电话')).toEqual(['wang.wei@example.cn']);
    expect(emails('邮箱：li.na@example.com。')).toEqual(['li.na@example.com']);
  });

  it('drops sentence punctuation after the address', () => {
    expect(emails('Mail joe@mail.example.com.')).toEqual(['joe@mail.example.com']);
    expect(emails('(joe@example.com)')).toEqual(['joe@example.com']);
    expect(emails('<joe@example.com>')).toEqual(['joe@example.com']);
  });

  it('does not match addresses without a top-level domain or with a one-letter one', () => {
    expect(countContacts('foo@bar').emailCount).toBe(0);
    expect(countContacts('user@localhost and x@y.c').emailCount).toBe(0);
    expect(countContacts('@example.com and example.com').emailCount).toBe(0);
  });

  it('does not take an @handle or a version tag for an address', () => {
    expect(countContacts('ping @ivan about v1.2.3').emailCount).toBe(0);
  });
});

describe('countContacts: phone numbers', () => {
  it.each([
    ['UK, international', '+44 20 7946 0958'],
    ['US, international with bracketed area code', '+1 (415) 555-0132'],
    ['Russia, +7 with bracketed code', '+7 (495) 123-45-67'],
    ['Russia, +7 unbracketed', '+7 916 555 12 34'],
    ['Russia, +7 compact', '+79165551234'],
    ['Russia, 8 with bracketed code', '8 (916) 555-12-34'],
    ['Russia, 8 spaced', '8 916 555 12 34'],
    ['Russia, 8 dashed', '8-916-555-12-34'],
    ['Russia, 8 compact', '89165551234'],
    ['Russia, toll-free', '8 800 555 35 35'],
    ['China, +86 mobile', '+86 138 0013 8000'],
    ['China, +86 dashed mobile', '+86-138-0013-8000'],
    ['China, +86 Beijing landline', '+86 10 1234 5678'],
    ['China, mobile spaced', '139 1234 5678'],
    ['China, mobile compact', '13800138000'],
    ['US, national with brackets', '(415) 555-0132'],
    ['US, dotted', '415.555.0132'],
  ])('counts %s: %s', (_, phone) => {
    expect(phones(phone)).toBe(1);
    expect(phones(`Тел.: ${phone}, mob.`)).toBe(1);
  });

  it('counts phones glued to Cyrillic and CJK text', () => {
    expect(phones('тел:+7(495)123-45-67,')).toBe(1);
    expect(phones('电话13800138000。')).toBe(1);
    expect(phones('手机：139 1234 5678，')).toBe(1);
  });

  it('counts several phones in one cell separated by punctuation', () => {
    expect(phones('+7 916 555 12 34, 8 916 555 12 35; +86 138 0013 8000 / 13900139000')).toBe(4);
  });

  it('counts each occurrence, not distinct numbers', () => {
    expect(phones('+7 (495) 123-45-67\n+7 (495) 123-45-67')).toBe(2);
  });

  it.each([
    ['an ISO date', '2024-01-15'],
    ['two ISO dates', '2024-01-15, 2024-01-16'],
    ['an ISO timestamp in UTC', '2024-01-15T10:30:00Z'],
    ['an ISO timestamp with offset and milliseconds', '2024-01-15T10:30:00.123+03:00'],
    ['an ISO date and time with a space', '2024-01-15 10:30:45'],
    ['a compact date', '20240115'],
    ['a dotted date', '15.01.2024'],
    ['a dotted date and time', '15.01.2024 10:30'],
    ['a dotted date and time with seconds', '15.01.2024 10:30:45'],
    ['a dashed day-first date and time', '15-01-2024 10:30'],
    ['a dotted year-first date and time', '2024.01.15 10:30'],
    ['a slashed date and time', '01/15/2024 10:30'],
    ['a time', '12:30:45'],
    ['a short number', '12345'],
    ['an 8-digit id without + or brackets', 'ID 12345678'],
    ['a 9-digit national number without a prefix', '912 345 678'],
    ['a spaced amount', '1 250'],
    ['a spaced amount in roubles', 'Total: 1 250 000 руб'],
    ['a spaced amount with decimals', '12 500,00'],
    ['an amount with commas', '$1,250,000.00'],
    ['a 16-digit id', '1234567890123456'],
    ['a card-like 16-digit number', '4111 1111 1111 1111'],
    ['a 20-digit id', '12345678901234567890'],
    ['a 15-character Salesforce id', '001A000001abcDE'],
    ['an 18-character Salesforce id', '0031t00000AbCdEAAZ'],
    ['a Salesforce id with a long digit run', '00350000001234567AAB'],
    ['a version number', 'v1.2.3.4567'],
    ['digits inside an address', 'user12345678901@example.com'],
    ['a phone-like run inside a word', 'SKU79165551234X'],
  ])('does not count %s: %s', (_, text) => {
    expect(phones(text)).toBe(0);
  });
});

describe('countContacts: tab-separated tables', () => {
  it('never merges tab-separated cells into one phone', () => {
    // Merged, either pair would be a 10-digit "number".
    expect(phones('12345\t67890')).toBe(0);
    expect(phones('8 916\t555 12 34')).toBe(0);
    expect(phones('+7 495 123\t45 67')).toBe(0);
  });

  it('counts one phone per cell', () => {
    expect(phones('Ivan\t+7 (495) 123-45-67\t8 916 555 12 34\t13800138000')).toBe(3);
  });

  it('never merges rows into one phone', () => {
    expect(phones('495 123\n45 67 89')).toBe(0);
    expect(phones('+7 916 555 12 34\n+7 916 555 12 35')).toBe(2);
  });

  it('counts non-blank rows', () => {
    expect(countContacts('').rowCount).toBe(0);
    expect(countContacts('one line').rowCount).toBe(1);
    expect(countContacts('a\nb\nc').rowCount).toBe(3);
  });

  it('ignores a trailing newline', () => {
    expect(countContacts('a\nb\n').rowCount).toBe(2);
  });

  it('skips blank and whitespace-only lines', () => {
    expect(countContacts('\n\na\n\n\nb\n\n').rowCount).toBe(2);
    expect(countContacts('a\n \t \nb').rowCount).toBe(2);
    expect(countContacts('\t\t\n').rowCount).toBe(0);
  });

  it('counts CRLF rows once', () => {
    expect(countContacts('a\r\nb\r\n\r\nc\r\n').rowCount).toBe(3);
  });

  it('reports the length of the text', () => {
    expect(countContacts('').charCount).toBe(0);
    expect(countContacts('почта: ivan@example.ru').charCount).toBe(22);
    expect(countContacts('a\r\nb').charCount).toBe(4);
  });
});

describe('htmlToText', () => {
  const table =
    '<table><tr><th>E-mail</th><th>Phone</th></tr>' +
    '<tr><td>a@b.co</td><td>+7 (495) 123-45-67</td></tr>' +
    '<tr><td class="x">c@d.co</td><td><span>8 916 555 12 34</span></td></tr></table>';

  it('turns table rows into lines and cells into tabs', () => {
    expect(htmlToText(table)).toBe('E-mail\tPhone\t\na@b.co\t+7 (495) 123-45-67\t\nc@d.co\t8 916 555 12 34\t\n');
  });

  it('breaks lines at block ends and <br>', () => {
    expect(htmlToText('<p>one</p><div>two</div><ul><li>three</li></ul>four<br>five<br/>six<BR />seven')).toBe(
      'one\ntwo\nthree\nfour\nfive\nsix\nseven',
    );
  });

  it('decodes entities, &amp; last so it does not decode twice', () => {
    expect(htmlToText('x &amp; y &lt;b&gt; &quot;q&quot; &#39;s&#39;&nbsp;z &amp;lt;')).toBe('x & y <b> "q" \'s\' z &lt;');
  });

  it('drops scripts and styles with their content', () => {
    const html = '<style>td { color: red }</style><p>kept@example.com</p><script type="text/javascript">var a = "hidden@example.com";</script>';
    expect(htmlToText(html)).toBe('kept@example.com\n');
    expect(countContacts(htmlToText(html)).emails).toEqual(['kept@example.com']);
  });

  it('gives text that is counted like a copied table', () => {
    const counts = countContacts(htmlToText(table));
    expect(counts).toMatchObject({ emailCount: 2, phoneCount: 2, rowCount: 3 });
  });
});

describe('countContacts: a realistic contact list', () => {
  // As Chrome puts a Lightning list view on the clipboard: cells joined by tabs, rows by newlines.
  const rows = [
    ['Name', 'Account', 'Email', 'Phone', 'Amount', 'Created', 'Record Id'],
    ['Иван Петров', 'ООО Ромашка', 'Ivan.Petrov@romashka.ru', '+7 (495) 123-45-67', '1 250 000', '15.01.2024 10:30', '0031t00000AbCdEAAZ'],
    ['Анна Смирнова', 'ООО Ромашка', 'anna.smirnova@romashka.ru', '8 (916) 555-12-34', '250 000', '16.01.2024 09:05', '0031t00000AbCdFAAZ'],
    ['Сергей Иванов', 'АО Вектор', 'ivanov@vector.ru', '8 916 555 12 35', '1 250', '2024-01-17', '0031t00000AbCdGAAZ'],
    ['Ольга Кузнецова', 'АО Вектор', 'o.kuznetsova@vector.ru', '89165551236', '12 500,00', '2024-01-18T12:00:00Z', '0031t00000AbCdHAAZ'],
    ['王伟', '华为', 'wang.wei@example.cn', '+86 138 0013 8000', '80 000', '2024-01-19', '0031t00000AbCdIAAZ'],
    ['李娜', '阿里巴巴', 'li.na@example.cn', '139 1234 5678', '45 000', '2024-01-20', '0031t00000AbCdJAAZ'],
    ['张敏', '腾讯', 'zhang.min@example.cn', '13800138000', '', '2024-01-21', '0031t00000AbCdKAAZ'],
    ['John Smith', 'Acme Ltd', 'john.smith@acme.co.uk', '+44 20 7946 0958', '10 000', '2024-01-22', '0031t00000AbCdLAAZ'],
    ['Mary Jones', 'Acme Inc', 'mary@acme.com', '+1 (415) 555-0132', '99 999', '2024-01-23', '0031t00000AbCdMAAZ'],
    ['Ivan Petrov (dup)', 'ООО Ромашка', 'ivan.petrov@romashka.ru', '', '', '2024-01-24', '0031t00000AbCdNAAZ'],
    ['No Contact', 'Empty Co', '', '', '', '2024-01-25', '0031t00000AbCdOAAZ'],
    ['Pierre Dubois', 'Société', 'pierre@societe.fr', '+33 1 23 45 67 89', '5 000', '2024-01-26', '0031t00000AbCdPAAZ'],
  ];
  const text = rows.map((r) => r.join('\t')).join('\n') + '\n';

  it('counts 10 distinct addresses, 10 phones and 13 rows (header included)', () => {
    const counts = countContacts(text);
    expect(counts.emailCount).toBe(10);
    expect(counts.emails).toContain('ivan.petrov@romashka.ru');
    expect(counts.emails).not.toContain('Ivan.Petrov@romashka.ru');
    expect(counts.phoneCount).toBe(10);
    expect(counts.rowCount).toBe(13);
    expect(counts.charCount).toBe(text.length);
  });

  it('counts the same with CRLF line ends', () => {
    const counts = countContacts(text.replace(/\n/g, '\r\n'));
    expect(counts).toMatchObject({ emailCount: 10, phoneCount: 10, rowCount: 13 });
  });
});

describe('countContacts: a 1 MB selection', () => {
  const formats = [
    (i: number) => `+7 (495) ${100 + (i % 900)}-${String(i % 100).padStart(2, '0')}-${String((i * 7) % 100).padStart(2, '0')}`,
    (i: number) => `8 916 ${100 + (i % 900)} ${String(i % 100).padStart(2, '0')} 34`,
    (i: number) => `+86 138 ${String(i % 10_000).padStart(4, '0')} 8000`,
    (i: number) => `+1 (415) 555-${String(i % 10_000).padStart(4, '0')}`,
    (i: number) => `139${String(i).padStart(8, '0')}`,
  ];
  const contacts = 10_000;
  const lines = ['Name\tEmail\tPhone\tCreated\tAmount\tNotes'];
  for (let i = 0; i < contacts; i++) {
    // Every 10th address repeats the previous one in upper case: not a new contact.
    const email = i % 10 === 9 ? `USER${i - 1}@COMPANY${(i - 1) % 50}.EXAMPLE.COM` : `user${i}@company${i % 50}.example.com`;
    lines.push([`Contact ${i}`, email, formats[i % formats.length]!(i), '2024-01-15', '1 250', 'x'.repeat(48)].join('\t'));
  }
  const text = lines.join('\n');

  it('is at least 1 MB', () => {
    expect(text.length).toBeGreaterThanOrEqual(1_000_000);
  });

  it('classifies every contact', () => {
    const counts = countContacts(text);
    expect(counts.emailCount).toBe(9_000);
    expect(new Set(counts.emails).size).toBe(9_000);
    expect(counts.phoneCount).toBe(contacts);
    expect(counts.rowCount).toBe(contacts + 1);
    expect(counts.charCount).toBe(text.length);
  });
});
