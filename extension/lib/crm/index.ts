import type { CrmAdapter } from './adapter';
import { amocrm } from './amocrm';
import { bitrix24 } from './bitrix24';
import { dynamics365 } from './dynamics';
import { hubspot } from './hubspot';
import { pipedrive } from './pipedrive';
import { retailcrm } from './retailcrm';
import { salesforce } from './salesforce';
import { zoho } from './zoho';

export type { CrmAdapter, RecordRef } from './adapter';

const ADAPTERS: readonly CrmAdapter[] = [salesforce, hubspot, dynamics365, zoho, pipedrive, amocrm, bitrix24, retailcrm];

/**
 * The adapter for a policy site id. A CRM the policy adds under an id of its own has no adapter: its
 * exports and copies are still reported (they need only the origin), its record views and printable views are not.
 */
export function adapterFor(siteId: string): CrmAdapter | undefined {
  return ADAPTERS.find((a) => a.id === siteId);
}

export const CRM_ADAPTERS = ADAPTERS;
