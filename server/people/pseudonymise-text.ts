import { pseudonym } from './pseudonyms';

/**
 * An e-mail address as it appears in JSON, HTML or CSV. Deliberately broad: a false positive shows a
 * pseudonym where a harmless address was; a false negative would leak a person.
 */
export const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** A pseudonym as pages and payloads print it. */
const PSEUDONYM_IN_TEXT = /Employee [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/g;

/**
 * `text` with every e-mail address replaced by its pseudonym, except the addresses in `keep` (the
 * viewer's own sign-in name). The replacement holds no character that needs escaping in JSON, HTML or
 * CSV, so the text stays well-formed.
 */
export function pseudonymiseText(text: string, key: string, keep: ReadonlySet<string> = new Set()): string {
  const cache = new Map<string, string>();
  return text.replace(EMAIL_IN_TEXT, (email) => {
    const lower = email.toLowerCase();
    if (keep.has(lower)) return email;
    let name = cache.get(lower);
    if (!name) cache.set(lower, (name = pseudonym(key, lower)));
    return name;
  });
}

/** How many distinct people an answer names (by pseudonym): what a read of people data is audited with. */
export function peopleNamed(text: string): number {
  return new Set(text.match(PSEUDONYM_IN_TEXT)).size;
}

/** A value for the audit log: every address inside it, in any field, as its pseudonym. */
export function pseudonymiseDetails<T>(value: T, key: string): T {
  if (typeof value === 'string') return pseudonymiseText(value, key) as T;
  if (Array.isArray(value)) return value.map((v) => pseudonymiseDetails(v, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudonymiseDetails(v, key)])) as T;
  }
  return value;
}
