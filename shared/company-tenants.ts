import * as z from 'zod';

/**
 * A company tenant on a vendor that also serves private people: the company's own ChatGPT Enterprise or
 * Copilot work accounts, its Notion, Slack or Discord workspace. Written either as an e-mail domain
 * (`acme-corp.com`: an account of that domain is the company's on every destination) or as an https URL
 * prefix (`https://acme.slack.com/`, `https://app.slack.com/client/T01ABCDEF/`, `https://www.notion.so/acme/`,
 * `https://discord.com/channels/123456789/`): pages under it are the company's whoever is signed in.
 */
export const CompanyTenant = z.union([
  z.string().max(253).regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/, 'an e-mail domain like acme-corp.com'),
  z.url({ protocol: /^https$/ }).max(512).refine((u) => u.endsWith('/'), 'a URL prefix ends with /'),
]);
export type CompanyTenant = z.infer<typeof CompanyTenant>;

/**
 * Whether the page at `href`, showing an account of `accountDomain` (lower-case, or undefined when the page
 * shows none), belongs to one of the company's tenants. URL prefixes compare on the whole URL so that
 * `https://www.notion.so/acme/` does not cover `https://www.notion.so/acme-personal/`.
 */
export function isCompanyTenant(href: string | undefined, accountDomain: string | undefined, tenants: readonly string[]): boolean {
  for (const tenant of tenants) {
    if (tenant.startsWith('https://')) {
      if (href?.toLowerCase().startsWith(tenant.toLowerCase())) return true;
    } else if (accountDomain === tenant) return true;
  }
  return false;
}
