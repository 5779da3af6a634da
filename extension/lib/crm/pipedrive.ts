import { pathSegments, type CrmAdapter } from './adapter';

const OBJECTS: Record<string, string> = { person: 'person', organization: 'organization', deal: 'deal' };

/**
 * Pipedrive (`{company}.pipedrive.com`).
 * - Records: `/person/{id}`, `/organization/{id}`, `/deal/{id}`; lists `/persons/list`, `/organizations/list`.
 * - Exports: a list view's "Export filter results" prepares a CSV or XLSX and offers it as a download.
 */
export const pipedrive: CrmAdapter = {
  id: 'pipedrive',
  record(url) {
    const [kind, id] = pathSegments(url);
    if (!kind || !OBJECTS[kind] || !/^\d+$/.test(id ?? '')) return undefined;
    return { objectType: OBJECTS[kind]!, id: `${kind}:${id}` };
  },
};
