import { describe, expect, it } from 'vitest';
import { pseudonym } from './pseudonyms';
import { peopleNamed, pseudonymiseDetails, pseudonymiseText } from './pseudonymise-text';

const KEY = 'a-test-pseudonym-key-0123456789';

describe('pseudonymiseText', () => {
  it('replaces every address in JSON, whatever its case, and keeps the JSON valid', () => {
    const json = JSON.stringify({ employee: 'Carol@Acme.example', list: ['dave.o\'neil+x@sub.acme.example'], note: 'told carol@acme.example' });
    const out = pseudonymiseText(json, KEY);
    expect(out).not.toMatch(/@/);
    const parsed = JSON.parse(out) as { employee: string; list: string[]; note: string };
    expect(parsed.employee).toBe(pseudonym(KEY, 'carol@acme.example'));
    expect(parsed.note).toBe(`told ${pseudonym(KEY, 'carol@acme.example')}`);
    expect(parsed.list[0]).toBe(pseudonym(KEY, "dave.o'neil+x@sub.acme.example"));
  });

  it('leaves the addresses it is told to keep', () => {
    expect(pseudonymiseText('me@acme.example, you@acme.example', KEY, new Set(['me@acme.example']))).toBe(`me@acme.example, ${pseudonym(KEY, 'you@acme.example')}`);
  });

  it('counts the distinct people an answer names', () => {
    const text = pseudonymiseText('a@x.example b@x.example a@x.example', KEY);
    expect(peopleNamed(text)).toBe(2);
    expect(peopleNamed('no people here')).toBe(0);
  });

  it('pseudonymises audit details at any depth, keeping other values', () => {
    expect(pseudonymiseDetails({ filter: { employee: 'carol@acme.example' }, rows: 3, ok: true }, KEY))
      .toEqual({ filter: { employee: pseudonym(KEY, 'carol@acme.example') }, rows: 3, ok: true });
  });
});
