import { pathSegments, type CrmAdapter } from './adapter';

/** HubSpot's object type ids (`0-1` contacts …) and the legacy path names. */
const OBJECT_TYPES: Record<string, string> = {
  '0-1': 'contact', '0-2': 'company', '0-3': 'deal', '0-5': 'ticket', contact: 'contact', company: 'company', deal: 'deal', ticket: 'ticket',
};

/**
 * HubSpot (app.hubspot.com, app-eu1.hubspot.com).
 * - Records: `/contacts/{portalId}/record/0-1/{id}` (0-2 companies, 0-3 deals, 0-5 tickets); the older
 *   `/contacts/{portalId}/contact/{id}`. Ids are numbers, unique per portal (account), so the portal is part of the key.
 * - Lists: `/contacts/{portalId}/objects/0-1/views/all/list`.
 * - Exports are prepared in the background and delivered as a download link (in-app notification and
 *   e-mail) to a file on api.hubspot.com: CSV, XLSX or XLS, often zipped. The link may be opened from any
 *   page (a mail client), so the download is recognised by its own URL, not by the page it came from.
 */
export const hubspot: CrmAdapter = {
  id: 'hubspot',
  record(url) {
    const [app, portal, kind, typeOrId, id] = pathSegments(url);
    if (app !== 'contacts' || !/^\d+$/.test(portal ?? '')) return undefined;
    if (kind === 'record' && OBJECT_TYPES[typeOrId ?? ''] && /^\d+$/.test(id ?? '')) {
      return { objectType: OBJECT_TYPES[typeOrId!]!, id: `${portal}:${OBJECT_TYPES[typeOrId!]}:${id}` };
    }
    if (kind && kind !== 'record' && OBJECT_TYPES[kind] && /^\d+$/.test(typeOrId ?? '')) {
      return { objectType: OBJECT_TYPES[kind]!, id: `${portal}:${OBJECT_TYPES[kind]}:${typeOrId}` };
    }
    return undefined;
  },
};
