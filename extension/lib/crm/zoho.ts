import { pathSegments, type CrmAdapter } from './adapter';

/**
 * Zoho CRM (crm.zoho.com, .eu, .in …).
 * - Records: `/crm/{org}/tab/Contacts/{id}` (ids are long numbers; the org segment such as `org60012345`
 *   is absent on older URLs); lists: `/crm/{org}/tab/Contacts/custom-view/{viewId}/list`.
 * - Exports: "Export" (Setup › Data Administration, or a list view's action menu) downloads CSV or XLSX,
 *   zipped when several modules are exported.
 */
export const zoho: CrmAdapter = {
  id: 'zoho',
  record(url) {
    const parts = pathSegments(url);
    if (parts[0] !== 'crm') return undefined;
    const tab = parts.indexOf('tab');
    const module = parts[tab + 1];
    const id = parts[tab + 2];
    if (tab < 0 || !module || !/^\d{6,}$/.test(id ?? '')) return undefined;
    return { objectType: module, id: `${module}:${id}` };
  },
};
