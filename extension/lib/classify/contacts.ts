/**
 * Counts the contacts in a piece of text (a copied selection, a pasted block, a file's content) without
 * keeping the text: e-mail addresses, phone numbers and rows. Pure and single-pass per pattern, because it
 * runs inside the copy handler of a CRM page on selections up to megabytes long.
 */

export interface ContactCounts {
  emailCount: number;
  phoneCount: number;
  rowCount: number;
  charCount: number;
  /** Distinct addresses, lower-cased; they leave the browser only as salted fingerprints. */
  emails: string[];
}

// ASCII on purpose: `\p{L}` would glue CJK or Cyrillic words written right next to an address into it.
const EMAIL = /[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

// A phone is a run of digits with the separators people type: spaces, dots, dashes, brackets, a leading +.
// Tabs and newlines are not separators, so TSV cells and rows never merge into one "number".
const PHONE_CANDIDATE = /(?<![\w@.+-])(?:\+\s?)?(?:\(\s?\d{1,5}\s?\)|\d)(?:[ \u00a0.-]?(?:\(\s?\d{1,5}\s?\)|\d)){6,18}(?![\w@])/g;

export function countContacts(text: string): ContactCounts {
  const emails = new Set<string>();
  for (const match of text.matchAll(EMAIL)) emails.add(match[0].toLowerCase());

  let phoneCount = 0;
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    if (isPhone(match[0])) phoneCount++;
  }
  return { emailCount: emails.size, phoneCount, rowCount: countRows(text), charCount: text.length, emails: [...emails] };
}

/**
 * 10–15 digits is a phone number (E.164 allows 15); with a leading `+` or a bracketed area code,
 * 8 digits are enough. Dates like 2024-01-15 (8 digits, no +) and long ids (16+) are not phones.
 */
function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '').length;
  if (digits > 15) return false;
  if (digits >= 10) return !DATE_FIRST.test(candidate);
  return digits >= 8 && /^\+|\(/.test(candidate);
}

// A date followed by a space and the time's hour ("2024-01-15 10:30", and "15.01.2024 10:30" as Russian and
// most European locales display it) makes 10 digits. Day-first and dotted dates were counted as phones.
const DATE_FIRST = /^(?:\d{4}[.-]\d{2}[.-]\d{2}|\d{2}[.-]\d{2}[.-]\d{4})/;

function countRows(text: string): number {
  let rows = 0;
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (lineHasContent) rows++;
      lineHasContent = false;
    } else if (code > 32) lineHasContent = true;
  }
  return lineHasContent ? rows + 1 : rows;
}

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
