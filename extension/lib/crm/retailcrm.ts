import { pathSegments, type CrmAdapter } from './adapter';

const OBJECTS: Record<string, string> = { customers: 'customer', 'customers-corporate': 'corporate-customer', orders: 'order' };

/**
 * retailCRM / Simla.com (`{account}.retailcrm.ru`, `.retailcrm.pro`, `{account}.simla.com`).
 * - Records: `/customers/{id}` (also `/customers/{id}/edit`), `/customers-corporate/{id}`, `/orders/{id}/edit`;
 *   lists `/customers/`, `/orders/`.
 * - Exports: a list's "Export" downloads XLSX or CSV of the filtered customers or orders.
 */
export const retailcrm: CrmAdapter = {
  id: 'retailcrm',
  record(url) {
    const [kind, id, action] = pathSegments(url);
    if (!kind || !OBJECTS[kind] || !/^\d+$/.test(id ?? '') || (action !== undefined && action !== 'edit')) return undefined;
    return { objectType: OBJECTS[kind]!, id: `${kind}:${id}` };
  },
};
