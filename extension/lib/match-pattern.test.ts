import { describe, it, expect } from 'vitest';
import { BUILT_IN_CRM_SITES, BUILT_IN_PERSONAL_DESTINATIONS, type Site } from '../../shared/policy';
import { matchesPattern, siteFor } from './match-pattern';

const matches = (href: string, pattern: string) => matchesPattern(new URL(href), pattern);

describe('matchesPattern: hosts', () => {
  const pattern = 'https://*.force.com/*';

  it('matches subdomains at any depth and the bare domain', () => {
    expect(matches('https://acme.lightning.force.com/lightning/o/Contact/list', pattern)).toBe(true);
    expect(matches('https://acme.my.force.com/', pattern)).toBe(true);
    expect(matches('https://force.com/', pattern)).toBe(true);
  });

  it('does not match look-alike domains', () => {
    expect(matches('https://evilforce.com/', pattern)).toBe(false);
    expect(matches('https://force.com.evil.io/', pattern)).toBe(false);
    expect(matches('https://acme.force.com.evil.io/', pattern)).toBe(false);
    expect(matches('https://force.co/', pattern)).toBe(false);
  });

  it('looks at the host, not at user info', () => {
    expect(matches('https://acme.force.com@evil.io/', pattern)).toBe(false);
    expect(matches('https://evil.io@acme.force.com/', pattern)).toBe(true);
  });

  it('ignores the port, as Chrome does', () => {
    expect(matches('https://acme.force.com:8443/x', pattern)).toBe(true);
  });

  it('matches an exact host only exactly', () => {
    expect(matches('https://mail.google.com/mail/u/0/', 'https://mail.google.com/*')).toBe(true);
    expect(matches('https://google.com/', 'https://mail.google.com/*')).toBe(false);
    expect(matches('https://x.mail.google.com/', 'https://mail.google.com/*')).toBe(false);
    expect(matches('https://mail.google.com.evil.io/', 'https://mail.google.com/*')).toBe(false);
  });

  it('matches any host with *', () => {
    expect(matches('https://anything.example/', 'https://*/*')).toBe(true);
    expect(matches('http://localhost:3000/', '*://*/*')).toBe(true);
  });

  it('compares hosts case-insensitively, since URLs lower-case them', () => {
    expect(matches('https://ACME.Lightning.FORCE.com/', pattern)).toBe(true);
  });
});

describe('matchesPattern: schemes', () => {
  it('* means http or https only', () => {
    expect(matches('http://acme.force.com/', '*://*.force.com/*')).toBe(true);
    expect(matches('https://acme.force.com/', '*://*.force.com/*')).toBe(true);
    expect(matches('ftp://acme.force.com/', '*://*.force.com/*')).toBe(false);
    expect(matches('ws://acme.force.com/', '*://*.force.com/*')).toBe(false);
    expect(matches('file:///etc/passwd', '*://*/*')).toBe(false);
  });

  it('a named scheme matches only itself', () => {
    expect(matches('https://acme.force.com/', 'https://*.force.com/*')).toBe(true);
    expect(matches('http://acme.force.com/', 'https://*.force.com/*')).toBe(false);
    expect(matches('https://acme.force.com/', 'http://*.force.com/*')).toBe(false);
  });
});

describe('matchesPattern: paths', () => {
  it('matches path globs against the path and query', () => {
    expect(matches('https://acme.force.com/lightning/o/Contact/list', 'https://*.force.com/lightning/*')).toBe(true);
    expect(matches('https://acme.force.com/setup/home', 'https://*.force.com/lightning/*')).toBe(false);
    expect(matches('https://acme.force.com/lightning', 'https://*.force.com/lightning/*')).toBe(false);
    expect(matches('https://crm.example.com/contacts/42/edit', 'https://crm.example.com/contacts/*/edit')).toBe(true);
    expect(matches('https://crm.example.com/contacts/42/view', 'https://crm.example.com/contacts/*/edit')).toBe(false);
    expect(matches('https://crm.example.com/export?format=csv', 'https://crm.example.com/export?format=*')).toBe(true);
  });

  it('matches a pattern without * exactly', () => {
    expect(matches('https://crm.example.com/', 'https://crm.example.com/')).toBe(true);
    expect(matches('https://crm.example.com/a', 'https://crm.example.com/')).toBe(false);
  });

  it('treats regular-expression characters in the path literally', () => {
    expect(matches('https://crm.example.com/a.b', 'https://crm.example.com/a.b')).toBe(true);
    expect(matches('https://crm.example.com/axb', 'https://crm.example.com/a.b')).toBe(false);
    expect(matches('https://crm.example.com/a?x=1', 'https://crm.example.com/a?x=1')).toBe(true);
    expect(matches('https://crm.example.com/x=1', 'https://crm.example.com/a?x=1')).toBe(false);
  });

  it('refuses malformed patterns', () => {
    expect(matches('https://acme.force.com/', 'acme.force.com')).toBe(false);
    expect(matches('https://acme.force.com/', 'https://acme.force.com')).toBe(false);
    expect(matches('https://acme.force.com/', '<all_urls>')).toBe(false);
    expect(matches('https://acme.force.com/', 'ftp://acme.force.com/*')).toBe(false);
  });
});

describe('siteFor', () => {
  const salesforce = BUILT_IN_CRM_SITES.find((s) => s.id === 'salesforce');
  const gmail = BUILT_IN_PERSONAL_DESTINATIONS.find((s) => s.id === 'gmail');

  it('finds the built-in CRM', () => {
    expect(salesforce).toBeDefined();
    expect(siteFor('https://acme.lightning.force.com/lightning/o/Contact/list', BUILT_IN_CRM_SITES)).toBe(salesforce);
    expect(siteFor('https://acme.my.salesforce.com/003/o', BUILT_IN_CRM_SITES)).toBe(salesforce);
    expect(siteFor('https://acme.file.force.com/servlet/servlet.FileDownload?file=015', BUILT_IN_CRM_SITES)).toBe(salesforce);
  });

  it('finds the built-in personal destination', () => {
    expect(gmail).toBeDefined();
    expect(siteFor('https://mail.google.com/mail/u/0/#inbox', BUILT_IN_PERSONAL_DESTINATIONS)).toBe(gmail);
    expect(siteFor('https://mail.google.com/mail/u/0/#inbox', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('https://acme.lightning.force.com/', BUILT_IN_PERSONAL_DESTINATIONS)).toBeUndefined();
  });

  it('resolves a blob: URL to the origin that made it', () => {
    expect(siteFor('blob:https://acme.lightning.force.com/6f1c2a1e-3b1f-4b7a-9d2c-0c8e5d9f4a11', BUILT_IN_CRM_SITES)).toBe(salesforce);
    expect(siteFor('blob:https://evil.io/6f1c2a1e-3b1f-4b7a-9d2c-0c8e5d9f4a11', BUILT_IN_CRM_SITES)).toBeUndefined();
  });

  it('does not match look-alike hosts', () => {
    expect(siteFor('https://evilforce.com/', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('https://force.com.evil.io/', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('https://salesforce.com.evil.io/', BUILT_IN_CRM_SITES)).toBeUndefined();
  });

  it('is undefined for missing, invalid and non-web URLs', () => {
    expect(siteFor(undefined, BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('not a url', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('acme.lightning.force.com/lightning', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('blob:null/6f1c2a1e', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('data:text/csv,a,b', BUILT_IN_CRM_SITES)).toBeUndefined();
    expect(siteFor('https://acme.lightning.force.com/', [])).toBeUndefined();
  });

  it('answers the first site that matches, in policy order', () => {
    const custom: Site[] = [
      { id: 'acme-crm', name: 'Acme CRM', matches: ['https://crm.acme.io/*'] },
      { id: 'acme-all', name: 'Acme', matches: ['https://*.acme.io/*'] },
    ];
    expect(siteFor('https://crm.acme.io/contacts', custom)?.id).toBe('acme-crm');
    expect(siteFor('https://wiki.acme.io/', custom)?.id).toBe('acme-all');
    expect(siteFor('https://crm.acme.io/contacts', [...custom].reverse())?.id).toBe('acme-all');
  });

  it('matches a site by any of its patterns', () => {
    const site: Site = { id: 'bitrix', name: 'Bitrix24', matches: ['https://*.bitrix24.ru/crm/*', 'https://*.bitrix24.com/crm/*'] };
    expect(siteFor('https://acme.bitrix24.com/crm/contact/list/', [site])).toBe(site);
    expect(siteFor('https://acme.bitrix24.ru/crm/contact/list/', [site])).toBe(site);
    expect(siteFor('https://acme.bitrix24.ru/tasks/', [site])).toBeUndefined();
  });
});
