import type { Site } from './policy';

/**
 * The CRMs crm-guard knows out of the box, as the policy lists them (Chrome match patterns). Each has an
 * adapter in extension/lib/crm/ with the same id that reads its URLs (record ids, printable views).
 * A policy may add origins to a built-in id (an on-premise Bitrix24, a Salesforce custom domain) or new ids.
 */

/** Dynamics 365 regions live on crm.dynamics.com, crm2.dynamics.com … crm21.dynamics.com. */
const DYNAMICS_REGIONS = ['crm', ...Array.from({ length: 20 }, (_, i) => `crm${i + 2}`)];

/** Bitrix24's cloud portals: one second-level domain per market. On-premise portals are added by policy. */
const BITRIX24_CLOUD = ['bitrix24.ru', 'bitrix24.com', 'bitrix24.de', 'bitrix24.eu', 'bitrix24.by', 'bitrix24.kz', 'bitrix24.ua', 'bitrix24.es', 'bitrix24.fr', 'bitrix24.it', 'bitrix24.pl', 'bitrix24.com.br', 'bitrix24.in', 'bitrix24.cn', 'bitrix24.jp', 'bitrix24.co', 'bitrix24.com.tr', 'bitrix24.id', 'bitrix24.vn', 'bitrix24.uk', 'bitrix24.mx', 'bitrix24.site'];

/** Zoho CRM's data centres. */
const ZOHO_DOMAINS = ['zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au', 'zoho.jp', 'zoho.com.cn', 'zohocloud.ca', 'zoho.sa', 'zoho.uk'];

const https = (host: string) => `https://${host}/*`;

export const BUILT_IN_CRM_SITES: Site[] = [
  { id: 'salesforce', name: 'Salesforce', matches: ['https://*.salesforce.com/*', 'https://*.force.com/*'] },
  {
    id: 'hubspot',
    name: 'HubSpot',
    // app*.hubspot.com is the CRM; api*.hubspot.com serves the export files HubSpot e-mails as download links.
    matches: ['app.hubspot.com', 'app-eu1.hubspot.com', 'api.hubspot.com', 'api-eu1.hubspot.com'].map(https),
  },
  { id: 'dynamics365', name: 'Microsoft Dynamics 365', matches: DYNAMICS_REGIONS.map((r) => https(`*.${r}.dynamics.com`)) },
  { id: 'zoho', name: 'Zoho CRM', matches: ZOHO_DOMAINS.map((d) => https(`crm.${d}`)) },
  { id: 'pipedrive', name: 'Pipedrive', matches: ['https://*.pipedrive.com/*'] },
  { id: 'amocrm', name: 'amoCRM / Kommo', matches: ['https://*.amocrm.ru/*', 'https://*.amocrm.com/*', 'https://*.kommo.com/*'] },
  { id: 'bitrix24', name: 'Bitrix24', matches: BITRIX24_CLOUD.map((d) => https(`*.${d}`)) },
  { id: 'retailcrm', name: 'retailCRM / Simla.com', matches: ['https://*.retailcrm.ru/*', 'https://*.retailcrm.pro/*', 'https://*.retailcrm.io/*', 'https://*.simla.com/*'] },
];
