import { describe, expect, it } from 'vitest';
import { formatSize, LANGUAGES, MESSAGES, pickLanguage } from './i18n';
import type { SentEntry } from './sent-log';

const base = { id: 'x', occurredAt: '2026-11-02T10:00:00Z', sentAt: 0, site: 'acme.lightning.force.com' };
const entries: SentEntry[] = [
  { ...base, type: 'crm.export', fileName: 'report.csv', format: 'csv', rows: 1 },
  { ...base, type: 'crm.copy', action: 'copy', emails: 21, phones: 3, rows: 22 },
  { ...base, type: 'crm.record_view' },
  { ...base, type: 'crm.print' },
  { ...base, type: 'webmail.upload', site: 'mail.google.com', fileName: 'clients.csv', sizeBytes: 4096 },
  { ...base, type: 'webmail.paste', site: 'mail.google.com', emails: 5, phones: 0 },
  { ...base, type: 'agent.heartbeat' },
];

describe('popup language', () => {
  it('follows the first supported browser language, else English', () => {
    expect(pickLanguage(['ru-RU', 'en-US'])).toBe('ru');
    expect(pickLanguage(['de-DE', 'ru'])).toBe('ru');
    expect(pickLanguage(['EN-gb', 'ru'])).toBe('en');
    expect(pickLanguage(['de', 'fr'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('describes every kind of event in each language, with its site and counts', () => {
    const size = (n: number) => `${n} B`;
    expect(entries.map((e) => MESSAGES.en.describe(e, size))).toEqual([
      'Exported report.csv (1 row) from acme.lightning.force.com',
      'Copied 21 e-mail addresses and 3 phone numbers on acme.lightning.force.com',
      'Opened a CRM record on acme.lightning.force.com',
      'Printed a CRM page on acme.lightning.force.com',
      'Uploaded clients.csv (4096 B) to mail.google.com',
      'Pasted 5 e-mail addresses and 0 phone numbers into mail.google.com',
      'Status report',
    ]);
    expect(entries.map((e) => MESSAGES.ru.describe(e, size))).toEqual([
      'Экспорт файла report.csv (1 строка) с acme.lightning.force.com',
      'Скопировано: 21 адрес эл. почты и 3 телефона на acme.lightning.force.com',
      'Открыта запись CRM на acme.lightning.force.com',
      'Напечатана страница CRM на acme.lightning.force.com',
      'Загружен файл clients.csv (4096 B) на mail.google.com',
      'Вставлено: 5 адресов эл. почты и 0 телефонов на mail.google.com',
      'Отчёт о состоянии',
    ]);
  });

  it('uses Russian plural forms: 1 строка, 3 строки, 5 строк, 11 строк, 22 строки', () => {
    const rows = (n: number) => MESSAGES.ru.describe({ ...entries[0]!, rows: n }, String);
    expect([1, 3, 5, 11, 22].map((n) => rows(n).match(/\((.*)\)/)![1])).toEqual(['1 строка', '3 строки', '5 строк', '11 строк', '22 строки']);
    expect(MESSAGES.ru.heartbeats(2)).toBe('2 ежечасных отчёта о состоянии');
    expect(MESSAGES.en.heartbeats(1)).toBe('1 hourly status report');
  });

  it('gives every language the same number of watched behaviours, with the thresholds', () => {
    for (const language of LANGUAGES) {
      const watches = MESSAGES[language].watches(5, 7);
      expect(watches).toHaveLength(5);
      expect(watches.join(' ')).toMatch(/5.*7/);
    }
  });

  it('writes sizes in the language', () => {
    expect(formatSize('en', 4096)).toBe('4 kB');
    expect(formatSize('ru', 4096)).toBe('4 кБ');
    expect(formatSize('en', 1536 * 1024)).toBe('1.5 MB');
    expect(formatSize('en', 200)).toBe('200 byte');
  });

  it('says the connection in plain words: since when the server is unreachable and how much waits', () => {
    expect(MESSAGES.en.connection({ enrolled: true, reachable: false, since: '10:42', waiting: 6 })).toBe('server unreachable since 10:42, 6 events waiting');
    expect(MESSAGES.en.connection({ enrolled: true, reachable: true, waiting: 0 })).toBe('connected, nothing waiting');
    expect(MESSAGES.en.connection({ enrolled: false, waiting: 1 })).toBe('not connected yet, 1 event waiting');
    expect(MESSAGES.ru.connection({ enrolled: true, reachable: false, since: '10:42', waiting: 5 })).toBe('сервер недоступен с 10:42, ожидает отправки: 5 событий');
  });
});
