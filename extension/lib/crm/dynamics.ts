import type { CrmAdapter } from './adapter';

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/**
 * Microsoft Dynamics 365 (Unified Interface on `{org}.crm{N}.dynamics.com`).
 * - Records: `/main.aspx?appid=…&pagetype=entityrecord&etn=contact&id={GUID}` (the id with or without braces,
 *   any case); lists: `pagetype=entitylist&etn=contact&viewid=…`.
 * - Print: the legacy "Print Preview" opens `/_forms/print/print.aspx?…`.
 * - "Export to Excel" asks the server for the file and saves it from page script: a `blob:` download of an
 *   .xlsx named after the view ("Active Contacts 11-25-2026 1-23-45 PM.xlsx"); static worksheets likewise.
 */
export const dynamics365: CrmAdapter = {
  id: 'dynamics365',
  record(url) {
    if (!/\/main\.aspx$/i.test(url.pathname)) return undefined;
    const params = new URLSearchParams(url.search.toLowerCase());
    const id = GUID.exec(params.get('id') ?? '')?.[1];
    if (params.get('pagetype') !== 'entityrecord' || !id) return undefined;
    const objectType = params.get('etn') ?? 'record';
    return { objectType, id: `${objectType}:${id}` };
  },
  isPrintableView(url) {
    return /^\/_forms\/print\//i.test(url.pathname);
  },
};
