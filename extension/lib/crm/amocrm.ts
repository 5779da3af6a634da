import { pathSegments, type CrmAdapter } from './adapter';

const OBJECTS: Record<string, string> = { contacts: 'contact', companies: 'company', leads: 'lead', customers: 'customer' };

/**
 * amoCRM / Kommo (`{account}.amocrm.ru`, `.amocrm.com`, `{account}.kommo.com`).
 * - Records: `/contacts/detail/{id}`, `/companies/detail/{id}`, `/leads/detail/{id}`; lists `/contacts/list/contacts/`.
 * - Exports: the list's "Export" menu builds a CSV or XLSX and downloads it.
 */
export const amocrm: CrmAdapter = {
  id: 'amocrm',
  record(url) {
    const [kind, detail, id] = pathSegments(url);
    if (!kind || !OBJECTS[kind] || detail !== 'detail' || !/^\d+$/.test(id ?? '')) return undefined;
    return { objectType: OBJECTS[kind]!, id: `${kind}:${id}` };
  },
};
