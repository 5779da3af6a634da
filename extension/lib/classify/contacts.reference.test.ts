import { describe, expect, it } from 'vitest';
import { countContacts } from './contacts';

// The patterns countContacts implements by hand, as regexes: the scan must find exactly what they find.
const EMAIL = /[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const PHONE = /(?<![\w@.+-])(?:\+\s?)?(?:\(\s?\d{1,5}\s?\)|\d)(?:[ \u00a0.-]?(?:\(\s?\d{1,5}\s?\)|\d)){6,18}(?![\w@])/g;
const DATE_FIRST = /^(?:\d{4}[.-]\d{2}[.-]\d{2}|\d{2}[.-]\d{2}[.-]\d{4})/;

function reference(text: string) {
  const emails = new Set([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()));
  let phones = 0;
  for (const [candidate] of text.matchAll(PHONE)) {
    const digits = candidate.replace(/\D/g, '').length;
    if (digits > 15) continue;
    if (digits >= 10 ? !DATE_FIRST.test(candidate) : digits >= 8 && /^\+|\(/.test(candidate)) phones++;
  }
  const rows = text.split('\n').filter((line) => /[^\x00-\x20]/.test(line)).length;
  return { emails: [...emails].sort(), phones, rows };
}

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters where the patterns' edges are: the ones they take, the ones that stop them, and others.
const ALPHABET = ['a', 'Z', 'q', '0', '1', '7', '9', '@', '.', '-', '+', '_', '%', '(', ')', ' ', '\u00a0', '\t', '\n', '\r', ',', 'Я', '王', '\u2009', 'com', 'ru', 'co.uk', 'x'.repeat(70), 'b'.repeat(61), 'c'.repeat(62), 'd'.repeat(24), 'e'.repeat(25), '(12345)', '( 1234 )', '(123456)', '12345', '+7 (495) 123-45-67', 'ivan@example.ru', '2024-01-15 10:30'];

describe('countContacts finds exactly what the regexes find', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('random text, seed %i', (seed) => {
    const next = random(seed);
    let text = '';
    for (let i = 0; i < 4000; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
    const counts = countContacts(text);
    const expected = reference(text);
    expect({ emails: [...counts.emails].sort(), phones: counts.phoneCount, rows: counts.rowCount }).toEqual(expected);
  });
});
