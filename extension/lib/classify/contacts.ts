/**
 * Counts the contacts in a piece of text (a copied selection, a pasted block, a file's content) without
 * keeping the text: e-mail addresses, phone numbers and rows. Pure, and fast on megabytes, because it
 * runs inside the copy handler of a CRM page: instead of trying a regex at every position, it jumps to
 * each `@` (native `indexOf`) and to each digit, `+` or `(` (one char-code loop that also counts rows),
 * and runs a sticky regex only there. The matches are exactly those of the patterns written below.
 */

export interface ContactCounts {
  emailCount: number;
  phoneCount: number;
  rowCount: number;
  charCount: number;
  /** Distinct addresses, lower-cased; they leave the browser only as salted fingerprints. */
  emails: string[];
}

// An address is what `/[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g`
// matches (contacts.test.ts checks the scan against it), found by hand because that is 2× faster. ASCII on
// purpose: `\p{L}` would glue CJK or Cyrillic words written right next to an address into it.

// A phone is what `/(?<![\w@.+-])(?:\+\s?)?(?:\(\s?\d{1,5}\s?\)|\d)(?:[ \u00a0.-]?(?:\(\s?\d{1,5}\s?\)|\d)){6,18}(?![\w@])/g`
// matches (checked against it in contacts.test.ts), found by hand: a run of digits with the separators people
// type (spaces, dots, dashes, brackets, a leading +). Tabs and newlines are not separators, so TSV cells and
// rows never merge into one "number".

export function countContacts(text: string): ContactCounts {
  const emails = collectEmails(text);
  const { phoneCount, rowCount } = scanPhonesAndRows(text);
  return { emailCount: emails.size, phoneCount, rowCount, charCount: text.length, emails: [...emails] };
}

function collectEmails(text: string): Set<string> {
  const emails = new Set<string>();
  let searchFrom = 0;
  // Matches never overlap: a local part starts after the end of the previous address.
  let previousEnd = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', searchFrom)) {
    searchFrom = at + 1;
    let start = at;
    while (start > previousEnd && isLocalPartChar(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    const end = domainEnd(text, at + 1);
    if (end < 0) continue;
    previousEnd = searchFrom = end;
    const address = text.slice(start, end);
    // Most addresses are written in lower case already; lower-casing copies the string, so only when needed.
    emails.add(hasUpperCase(text, start, end) ? address.toLowerCase() : address);
  }
  return emails;
}

/**
 * Where the domain starting at `from` ends, or -1: what the address pattern's domain part matches. Labels are
 * whole runs of `[A-Za-z0-9-]` between dots (the lookahead forbids a label to stop inside one), each 1–63
 * long and not starting or ending with `-`; the greedy match ends after the last all-letter label of 2–24
 * that has at least one valid label before it.
 */
function domainEnd(text: string, from: number): number {
  let end = -1;
  let p = from;
  for (let labels = 0; ; labels++) {
    const start = p;
    let letters = true;
    for (; p < text.length; p++) {
      const c = codeAt(text, p);
      const lower = c | 32;
      if (lower >= 97 && lower <= 122) continue;
      if ((c >= 48 && c <= 57) || c === 45) letters = false;
      else break;
    }
    const length = p - start;
    if (labels > 0 && letters && length >= 2 && length <= 24) end = p;
    const valid = length >= 1 && length <= 63 && codeAt(text, start) !== 45 && codeAt(text, p - 1) !== 45;
    if (!valid || codeAt(text, p) !== 46) return end;
    p++;
  }
}

function hasUpperCase(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** `[A-Za-z0-9._%+-]` */
function isLocalPartChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}


/** Phones and non-blank rows in one pass over the characters. */
function scanPhonesAndRows(text: string): { phoneCount: number; rowCount: number } {
  let phoneCount = 0;
  let rowCount = 0;
  let lineHasContent = false;
  // Phones do not overlap: the next one starts after the end of the previous.
  let previousEnd = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    // Letters and everything above `9` can neither end a line nor start a phone: the common case, one test.
    if (c > 57) {
      lineHasContent = true;
      continue;
    }
    if (c === 10) {
      if (lineHasContent) rowCount++;
      lineHasContent = false;
      continue;
    }
    if (c > 32) lineHasContent = true;
    // A phone starts with a digit, `+` or `(`, not glued to what precedes it.
    if (i < previousEnd || !(c >= 48 || c === 43 || c === 40)) continue;
    if (i > 0 && gluesBeforePhone(text.charCodeAt(i - 1))) continue;
    const end = phoneEnd(text, i);
    if (end < 0) continue;
    previousEnd = end;
    if (isPhone(text, i, end)) phoneCount++;
  }
  return { phoneCount, rowCount: lineHasContent ? rowCount + 1 : rowCount };
}

/**
 * End of the phone pattern's match at `start`, or -1. Each step of the pattern has one way to match (a
 * separator must be followed by a unit, a bracket group is whole or nothing), so the regex's backtracking
 * only chooses how many of the 6–18 repeated units to keep: the most whose end is not followed by `[\w@]`.
 */
function phoneEnd(text: string, start: number): number {
  let p = start;
  if (codeAt(text, p) === 43) {
    p++;
    if (isSpace(codeAt(text, p))) p++;
  }
  let end = unitEnd(text, p);
  if (end < 0) return -1;
  let best = -1;
  for (let repeats = 1; repeats <= 18; repeats++) {
    const c = codeAt(text, end);
    end = unitEnd(text, c === 32 || c === 0xa0 || c === 46 || c === 45 ? end + 1 : end);
    if (end < 0) break;
    if (repeats >= 6 && !gluesAfterPhone(codeAt(text, end))) best = end;
  }
  return best;
}

/** A unit: one digit, or `(` 1–5 digits `)` with a space allowed inside each bracket. */
function unitEnd(text: string, p: number): number {
  const c = codeAt(text, p);
  if (isDigit(c)) return p + 1;
  if (c !== 40) return -1;
  let q = p + 1;
  if (isSpace(codeAt(text, q))) q++;
  const digitsFrom = q;
  while (q - digitsFrom < 5 && isDigit(codeAt(text, q))) q++;
  if (q === digitsFrom) return -1;
  if (isSpace(codeAt(text, q))) q++;
  return codeAt(text, q) === 41 ? q + 1 : -1;
}

/**
 * `charCodeAt` that answers -1 past the end. Reading past the end makes V8 deoptimise the scan loop into a
 * slow generic form for every read that follows (measured: 5× slower); a bounds check is nearly free.
 */
function codeAt(text: string, p: number): number {
  return p < text.length ? text.charCodeAt(p) : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[\w@.+-]`: what a phone number may not follow. */
function gluesBeforePhone(c: number): boolean {
  return (isLocalPartChar(c) && c !== 37) || c === 64;
}

/** `[\w@]`: what a phone number may not run into. */
function gluesAfterPhone(c: number): boolean {
  const lower = c | 32;
  return (lower >= 97 && lower <= 122) || isDigit(c) || c === 95 || c === 64;
}

/** `\s` in a JavaScript regex. */
function isSpace(c: number): boolean {
  if (c < 0xa0) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * 10–15 digits is a phone number (E.164 allows 15); with a leading `+` or a bracketed area code,
 * 8 digits are enough. Dates like 2024-01-15 (8 digits, no +) and long ids (16+) are not phones.
 */
function isPhone(text: string, start: number, end: number): boolean {
  let digits = 0;
  let marked = false;
  for (let i = start; i < end; i++) {
    const c = codeAt(text, i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 40 || (c === 43 && i === start)) marked = true;
  }
  if (digits > 15) return false;
  if (digits >= 10) return !DATE_FIRST.test(text.slice(start, start + 10));
  return digits >= 8 && marked;
}

// A date followed by a space and the time's hour ("2024-01-15 10:30", and "15.01.2024 10:30" as Russian and
// most European locales display it) makes 10 digits. Day-first and dotted dates were counted as phones.
const DATE_FIRST = /^(?:\d{4}[.-]\d{2}[.-]\d{2}|\d{2}[.-]\d{2}[.-]\d{4})/;

/** Text of an HTML clipboard fragment: table rows become lines and cells tab-separated, as a browser copy would. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(tr|p|div|li|h[1-6])>|<br\s*\/?>/gi, '\n')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
