import { describe, expect, it } from 'vitest';
import { siteFor } from '../extension/lib/match-pattern';
import { CompanyTenant, isCompanyTenant } from './company-tenants';
import { BUILT_IN_PERSONAL_DESTINATIONS, isPersonalUse } from './destinations';
import { BUILT_IN_CRM_SITES, Policy, PolicyUpdate } from './policy';

const destinationAt = (href: string) => siteFor(href, BUILT_IN_PERSONAL_DESTINATIONS);

describe('the built-in personal destinations', () => {
  it.each([
    ['https://chatgpt.com/c/67a1', 'chatgpt', 'ai'],
    ['https://chat.openai.com/', 'chatgpt', 'ai'],
    ['https://claude.ai/new', 'claude', 'ai'],
    ['https://gemini.google.com/app', 'gemini', 'ai'],
    ['https://copilot.microsoft.com/chats/x', 'microsoft-copilot', 'ai'],
    ['https://chat.deepseek.com/a/chat/s/1', 'deepseek', 'ai'],
    ['https://www.perplexity.ai/search/new', 'perplexity', 'ai'],
    ['https://chat.mistral.ai/chat', 'mistral-le-chat', 'ai'],
    ['https://giga.chat/', 'gigachat', 'ai'],
    ['https://alice.yandex.ru/', 'yandex-alice', 'ai'],
    ['https://kimi.moonshot.cn/chat/1', 'kimi', 'ai'],
    ['https://www.kimi.com/', 'kimi', 'ai'],
    ['https://tongyi.aliyun.com/qianwen/', 'qwen', 'ai'],
    ['https://chat.qwen.ai/', 'qwen', 'ai'],
    ['https://www.doubao.com/chat/', 'doubao', 'ai'],
    ['https://yiyan.baidu.com/', 'ernie-bot', 'ai'],
    ['https://docs.google.com/spreadsheets/d/1abc/edit', 'google-docs', 'docs'],
    ['https://docs.google.com/forms/d/1abc/edit', 'google-docs', 'docs'],
    ['https://onedrive.live.com/?id=root', 'onedrive-personal', 'cloud'],
    ['https://www.notion.so/jane/Clients-1a2b', 'notion', 'docs'],
    ['https://airtable.com/appXYZ/tbl1', 'airtable', 'docs'],
    ['https://app.box.com/folder/0', 'box', 'cloud'],
    ['https://acme.app.box.com/folder/0', 'box', 'cloud'],
    ['https://www.linkedin.com/messaging/thread/2-abc/', 'linkedin', 'social'],
    ['https://vk.com/im?sel=1', 'vk', 'social'],
    ['https://web.vk.me/', 'vk', 'social'],
    ['https://wx.qq.com/', 'wechat-web', 'messenger'],
    ['https://web.wechat.com/', 'wechat-web', 'messenger'],
    ['https://web.max.ru/', 'max-messenger', 'messenger'],
    ['https://app.slack.com/client/T01/C02', 'slack', 'messenger'],
    ['https://friends.slack.com/messages', 'slack', 'messenger'],
    ['https://discord.com/channels/@me/1', 'discord', 'messenger'],
  ])('%s is %s (%s)', (href, id, kind) => {
    expect(destinationAt(href)).toMatchObject({ id, kind });
  });

  it.each([
    // Corporate flavours on hosts of their own, and look-alikes.
    'https://m365.cloud.microsoft/chat', 'https://acme-my.sharepoint.com/personal/jane', 'https://exmail.qq.com/', 'https://mail.qq.com.evil.example/',
    'https://notchatgpt.com/', 'https://openai.com/', 'https://google.com/', 'https://slack.com.evil.example/',
  ])('%s is no personal destination', (href) => {
    expect(destinationAt(href)).toBeUndefined();
  });

  it('sends a page on each pattern’s host to that destination and no other', () => {
    for (const destination of BUILT_IN_PERSONAL_DESTINATIONS) {
      for (const pattern of destination.matches) {
        const page = `${pattern.replace('*.', 'sub.').replace(/\*$/, '')}inbox`;
        expect(destinationAt(page)?.id, page).toBe(destination.id);
      }
    }
  });

  it('has unique ids, never overlaps a CRM, and keeps every pattern a /* path (for about:blank frames)', () => {
    const ids = BUILT_IN_PERSONAL_DESTINATIONS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const patterns = BUILT_IN_PERSONAL_DESTINATIONS.flatMap((d) => d.matches);
    expect(patterns.filter((p) => !/^https:\/\/[^/]+\/\*$/.test(p))).toEqual([]);
    for (const p of patterns) expect(siteFor(p.replace('*.', 'x.').replace(/\*$/, ''), BUILT_IN_CRM_SITES)).toBeUndefined();
  });
});

describe('company tenants', () => {
  const tenants = ['acme-corp.com', 'https://acme.slack.com/', 'https://app.slack.com/client/T0ACME/', 'https://www.notion.so/acme/'];

  it('accepts e-mail domains and https URL prefixes only', () => {
    for (const t of tenants) expect(CompanyTenant.safeParse(t).success).toBe(true);
    for (const t of ['Acme-Corp.com', 'http://acme.slack.com/', 'https://acme.slack.com', '@acme.com', 'acme']) expect(CompanyTenant.safeParse(t).success).toBe(false);
  });

  it('matches an account of the domain or a page under the prefix, and nothing beside', () => {
    expect(isCompanyTenant('https://chatgpt.com/', 'acme-corp.com', tenants)).toBe(true);
    expect(isCompanyTenant('https://chatgpt.com/', 'gmail.com', tenants)).toBe(false);
    expect(isCompanyTenant('https://app.slack.com/client/T0ACME/C1', undefined, tenants)).toBe(true);
    expect(isCompanyTenant('https://app.slack.com/client/T0OTHER/C1', undefined, tenants)).toBe(false);
    expect(isCompanyTenant('https://www.notion.so/acme-personal/x', undefined, tenants)).toBe(false);
    expect(isCompanyTenant('https://ACME.slack.com/archives', undefined, tenants)).toBe(true);
  });

  it('makes a company tenant corporate on any destination, and keeps Workspace accounts corporate without one', () => {
    const byId = (id: string) => BUILT_IN_PERSONAL_DESTINATIONS.find((d) => d.id === id)!;
    expect(isPersonalUse(byId('chatgpt'), { href: 'https://chatgpt.com/', accountDomain: 'acme-corp.com', companyTenants: tenants })).toBe(false);
    expect(isPersonalUse(byId('chatgpt'), { href: 'https://chatgpt.com/', accountDomain: 'acme-corp.com' })).toBe(true);
    expect(isPersonalUse(byId('slack'), { href: 'https://acme.slack.com/x', companyTenants: tenants })).toBe(false);
    expect(isPersonalUse(byId('slack'), { href: 'https://friends.slack.com/x', companyTenants: tenants })).toBe(true);
    expect(isPersonalUse(byId('google-docs'), { href: 'https://docs.google.com/', accountDomain: 'acme-corp.example' })).toBe(false);
    expect(isPersonalUse(byId('google-docs'), { href: 'https://docs.google.com/', accountDomain: 'gmail.com' })).toBe(true);
  });

  it('travels in the policy and is accepted by a policy update', () => {
    expect(PolicyUpdate.safeParse({ companyTenants: tenants }).success).toBe(true);
    expect(PolicyUpdate.safeParse({ companyTenants: ['not a tenant'] }).success).toBe(false);
    expect(PolicyUpdate.safeParse({ destinationModes: { chatgpt: 'block', 'google-docs': 'warn', wechat: 'warn' } }).success).toBe(false);
    const parsed = Policy.parse({ version: 'v', crmSites: [], personalDestinations: [], thresholds: { copyMinContacts: 5, pasteMinContacts: 5, sequenceWindowHours: 24 }, fingerprintSalt: 'x'.repeat(16) });
    expect(parsed.companyTenants).toEqual([]);
  });
});

describe('record-view limits in the policy', () => {
  it('accepts a limit per CRM with warn or block, and refuses nonsense', () => {
    expect(PolicyUpdate.safeParse({ recordViewLimits: { salesforce: { opens: 3, periodHours: 24 * 30, mode: 'block' } } }).success).toBe(true);
    expect(PolicyUpdate.safeParse({ recordViewLimits: { salesforce: { opens: 0, periodHours: 24, mode: 'warn' } } }).success).toBe(false);
    expect(PolicyUpdate.safeParse({ recordViewLimits: { salesforce: { opens: 3, periodHours: 24, mode: 'audit' } } }).success).toBe(false);
  });
});
