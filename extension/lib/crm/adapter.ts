/** A record a CRM page shows: its object type and an id unique within this CRM (hashed before it leaves). */
export interface RecordRef {
  objectType: string;
  id: string;
}

/**
 * What crm-guard knows about one CRM's pages beyond its hostnames (those are in shared/crm-sites.ts, so the
 * server's policy can list them): how a record id appears in its URLs, which pages are print renderings,
 * and what its exports look like (documented per adapter, exercised by the fixture pages in test/fixtures/crm/).
 */
export interface CrmAdapter {
  /** The policy's site id. */
  id: string;
  /** The record a page URL opens, or undefined for lists, reports, settings… */
  record(url: URL): RecordRef | undefined;
  /** A page that renders CRM data for printing (Salesforce's "Printable View"). */
  isPrintableView?(url: URL): boolean;
}

/** `/a/b/c/` → `['a', 'b', 'c']` */
export function pathSegments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}
