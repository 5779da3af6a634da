import { pathSegments, type CrmAdapter } from './adapter';

const OBJECTS = new Set(['contact', 'company', 'deal', 'lead', 'quote', 'invoice']);

/**
 * Bitrix24, cloud (`{portal}.bitrix24.ru`, `.com`, `.de` …) and on-premise (an origin the policy adds to
 * the `bitrix24` site).
 * - Records: `/crm/contact/details/{id}/` (company, deal, lead, quote too; older portals `/crm/contact/show/{id}/`);
 *   smart processes `/crm/type/{typeId}/details/{id}/`; lists `/crm/contact/list/`.
 * - Exports: the list's "Export to CSV" / "Export to Excel" runs step by step, then downloads the file;
 *   the "Excel" file is an HTML table saved as .xls.
 */
export const bitrix24: CrmAdapter = {
  id: 'bitrix24',
  record(url) {
    const [crm, kind, a, b, c] = pathSegments(url);
    if (crm !== 'crm' || !kind) return undefined;
    if (OBJECTS.has(kind) && (a === 'details' || a === 'show') && /^\d+$/.test(b ?? '') && b !== '0') {
      return { objectType: kind, id: `${kind}:${b}` };
    }
    if (kind === 'type' && /^\d+$/.test(a ?? '') && b === 'details' && /^\d+$/.test(c ?? '') && c !== '0') {
      return { objectType: `type-${a}`, id: `type-${a}:${c}` };
    }
    return undefined;
  },
};
