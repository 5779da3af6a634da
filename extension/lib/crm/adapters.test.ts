import { describe, expect, it } from 'vitest';
import { BUILT_IN_CRM_SITES } from '../../../shared/policy';
import { siteFor } from '../match-pattern';
import { adapterFor, CRM_ADAPTERS } from './index';

/** [page URL, site id, record (objectType, id) or undefined] */
const PAGES: [string, string, { objectType: string; id: string } | undefined][] = [
  ['https://acme.lightning.force.com/lightning/r/Contact/003Hs00001AbCdEIAX/view', 'salesforce', { objectType: 'Contact', id: '003Hs00001AbCdE' }],
  ['https://acme.lightning.force.com/lightning/r/003Hs00001AbCdE/view', 'salesforce', { objectType: 'Contact', id: '003Hs00001AbCdE' }],
  ['https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent', 'salesforce', undefined],
  ['https://acme.my.salesforce.com/003Hs00001AbCdE', 'salesforce', { objectType: 'Contact', id: '003Hs00001AbCdE' }],
  ['https://acme.my.salesforce.com/001Hs00001AbCdEIAX', 'salesforce', { objectType: 'Account', id: '001Hs00001AbCdE' }],
  ['https://acme.my.salesforce.com/003?fcf=00BHs000001', 'salesforce', undefined],
  ['https://acme.my.salesforce.com/home/home.jsp', 'salesforce', undefined],
  ['https://app.hubspot.com/contacts/2451234/record/0-1/51', 'hubspot', { objectType: 'contact', id: '2451234:contact:51' }],
  ['https://app-eu1.hubspot.com/contacts/2451234/record/0-2/9001', 'hubspot', { objectType: 'company', id: '2451234:company:9001' }],
  ['https://app.hubspot.com/contacts/2451234/contact/51', 'hubspot', { objectType: 'contact', id: '2451234:contact:51' }],
  ['https://app.hubspot.com/contacts/2451234/objects/0-1/views/all/list', 'hubspot', undefined],
  ['https://acme.crm4.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=contact&id=%7B5F1C2A4B-0A1B-4C2D-8E3F-112233445566%7D', 'dynamics365', { objectType: 'contact', id: 'contact:5f1c2a4b-0a1b-4c2d-8e3f-112233445566' }],
  ['https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=5f1c2a4b-0a1b-4c2d-8e3f-112233445566', 'dynamics365', { objectType: 'account', id: 'account:5f1c2a4b-0a1b-4c2d-8e3f-112233445566' }],
  ['https://acme.crm11.dynamics.com/main.aspx?pagetype=entitylist&etn=contact&viewid=00000000-0000-0000-00aa-000010001004', 'dynamics365', undefined],
  ['https://crm.zoho.eu/crm/org20071234/tab/Contacts/5725767000000412001', 'zoho', { objectType: 'Contacts', id: 'Contacts:5725767000000412001' }],
  ['https://crm.zoho.com/crm/tab/Leads/5725767000000412002', 'zoho', { objectType: 'Leads', id: 'Leads:5725767000000412002' }],
  ['https://crm.zoho.com/crm/org20071234/tab/Contacts/custom-view/5725767000000087501/list', 'zoho', undefined],
  ['https://acme.pipedrive.com/person/1042', 'pipedrive', { objectType: 'person', id: 'person:1042' }],
  ['https://acme.pipedrive.com/organization/77', 'pipedrive', { objectType: 'organization', id: 'organization:77' }],
  ['https://acme.pipedrive.com/persons/list', 'pipedrive', undefined],
  ['https://acme.amocrm.ru/contacts/detail/30124567', 'amocrm', { objectType: 'contact', id: 'contacts:30124567' }],
  ['https://acme.kommo.com/leads/detail/1881', 'amocrm', { objectType: 'lead', id: 'leads:1881' }],
  ['https://acme.amocrm.ru/contacts/list/contacts/', 'amocrm', undefined],
  ['https://acme.bitrix24.ru/crm/contact/details/412/', 'bitrix24', { objectType: 'contact', id: 'contact:412' }],
  ['https://acme.bitrix24.de/crm/deal/details/17/?IFRAME=Y', 'bitrix24', { objectType: 'deal', id: 'deal:17' }],
  ['https://acme.bitrix24.com/crm/type/128/details/5/', 'bitrix24', { objectType: 'type-128', id: 'type-128:5' }],
  ['https://acme.bitrix24.ru/crm/contact/details/0/', 'bitrix24', undefined],
  ['https://acme.bitrix24.ru/crm/contact/list/', 'bitrix24', undefined],
  ['https://acme.retailcrm.ru/customers/5521', 'retailcrm', { objectType: 'customer', id: 'customers:5521' }],
  ['https://acme.simla.com/orders/88/edit', 'retailcrm', { objectType: 'order', id: 'orders:88' }],
  ['https://acme.retailcrm.ru/customers/add', 'retailcrm', undefined],
];

describe('CRM adapters', () => {
  it.each(PAGES)('%s', (href, siteId, record) => {
    expect(siteFor(href, BUILT_IN_CRM_SITES)?.id).toBe(siteId);
    expect(adapterFor(siteId)!.record(new URL(href))).toEqual(record);
  });

  it('has one adapter per built-in CRM, and every built-in CRM has one', () => {
    expect(CRM_ADAPTERS.map((a) => a.id).sort()).toEqual(BUILT_IN_CRM_SITES.map((s) => s.id).sort());
  });

  it('recognises Dynamics 365 in every region and Bitrix24 cloud portals, not look-alikes', () => {
    for (const host of ['acme.crm.dynamics.com', 'acme.crm2.dynamics.com', 'acme.crm21.dynamics.com']) expect(siteFor(`https://${host}/main.aspx`, BUILT_IN_CRM_SITES)?.id).toBe('dynamics365');
    expect(siteFor('https://www.dynamics.com/', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('https://acme.bitrix24.com.br/crm/', BUILT_IN_CRM_SITES)?.id).toBe('bitrix24');
    expect(siteFor('https://bitrix24.evil.example/crm/', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('https://api.hubspot.com/filemanager/api/v2/files/1/signed-url-redirect', BUILT_IN_CRM_SITES)?.id).toBe('hubspot');
  });

  it('knows Salesforce printable views and Dynamics print previews', () => {
    const printable = (href: string, id = 'salesforce') => adapterFor(id)!.isPrintableView?.(new URL(href)) ?? false;
    expect(printable('https://acme.my.salesforce.com/003Hs00001AbCdE/p')).toBe(true);
    expect(printable('https://acme.my.salesforce.com/00OHs000001AbCd?pv=1')).toBe(true);
    expect(printable('https://acme.my.salesforce.com/00OHs000001AbCd?export=1&xf=csv')).toBe(false);
    expect(printable('https://acme.my.salesforce.com/003Hs00001AbCdE')).toBe(false);
    expect(printable('https://acme.crm4.dynamics.com/_forms/print/print.aspx?objectType=2&id=x', 'dynamics365')).toBe(true);
  });

  it('has no adapter for a CRM the policy adds under an id of its own', () => {
    expect(adapterFor('in-house-crm')).toBeUndefined();
  });
});
