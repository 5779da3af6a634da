import { countContacts, type ContactCounts } from './contacts';

export interface TableShape extends ContactCounts {
  /** Data rows, the header excluded. */
  rows: number;
  columns: number;
}

/**
 * Shape of a delimited file (CSV or TSV): rows, columns and the contacts inside. Quoted cells may hold
 * delimiters and line breaks (RFC 4180); the delimiter is guessed from the first line.
 */
export function measureTable(text: string): TableShape {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t', '|'].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best), ',');
  let records = 0;
  let columns = 0;
  let cells = 1;
  let quoted = false;
  let recordHasContent = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (ch === '"') { quoted = true; recordHasContent = true; }
    else if (ch === delimiter) { cells++; recordHasContent = true; }
    else if (ch === '\n') {
      if (recordHasContent) { records++; columns = Math.max(columns, cells); }
      cells = 1;
      recordHasContent = false;
    } else if (ch !== '\r' && ch !== ' ') recordHasContent = true;
  }
  if (recordHasContent) { records++; columns = Math.max(columns, cells); }
  return { ...countContacts(body), rows: Math.max(0, records - 1), columns };
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}
