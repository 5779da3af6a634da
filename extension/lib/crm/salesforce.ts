import { pathSegments, type CrmAdapter } from './adapter';

/** Key prefixes (the first three characters of every record id) of the objects a client base lives in. */
const KEY_PREFIXES: Record<string, string> = {
  '001': 'Account', '003': 'Contact', '00Q': 'Lead', '006': 'Opportunity', '500': 'Case', '00O': 'Report', '701': 'Campaign',
};
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * Salesforce, Lightning and Classic.
 * - Lightning records: `/lightning/r/Contact/003…/view` (also `/lightning/r/003…/view`); lists `/lightning/o/Contact/list`.
 * - Classic records: `/003Hs00001AbCdE` (15 or 18 characters); Classic lists `/003?fcf=…`.
 * - "Printable View": Classic records `/003…/p`, reports `/00O…?pv=1`.
 * - Exports: list and report exports are server downloads (`/00O…?export=1&enc=UTF-8&xf=csv`, Lightning's
 *   `/servlet/PrintableViewDownloadServlet?reportId=…` gives .xls), CSV or XLSX; client-side exports are `blob:`.
 * An 18-character id is the 15-character one plus a case checksum, so both forms are one record.
 */
export const salesforce: CrmAdapter = {
  id: 'salesforce',
  record(url) {
    const parts = pathSegments(url);
    if (parts[0] === 'lightning' && parts[1] === 'r') {
      const id = ID.test(parts[3] ?? '') ? parts[3]! : ID.test(parts[2] ?? '') ? parts[2]! : undefined;
      if (!id) return undefined;
      const objectType = id === parts[3] ? parts[2]! : objectOf(id);
      return { objectType, id: id.slice(0, 15) };
    }
    if (parts.length >= 1 && parts.length <= 2 && ID.test(parts[0]!) && (parts.length === 1 || parts[1] === 'e')) {
      return { objectType: objectOf(parts[0]!), id: parts[0]!.slice(0, 15) };
    }
    return undefined;
  },
  isPrintableView(url) {
    const parts = pathSegments(url);
    if (parts.length === 2 && ID.test(parts[0]!) && parts[1] === 'p') return true;
    return parts.length === 1 && ID.test(parts[0]!) && url.searchParams.get('pv') === '1';
  },
};

function objectOf(id: string): string {
  return KEY_PREFIXES[id.slice(0, 3)] ?? id.slice(0, 3);
}
