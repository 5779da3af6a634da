import * as z from 'zod';
import { isCompanyTenant } from './company-tenants';

/**
 * What the extension does on a personal destination: `audit` reports silently, `warn` reports and shows
 * the employee an in-page notice (with an optional justification), `block` stops the upload, drop or
 * contact paste and shows the notice.
 */
export const DestinationMode = z.enum(['audit', 'warn', 'block']);
export type DestinationMode = z.infer<typeof DestinationMode>;

/**
 * Only for the notice's wording ("uploads to personal mail / AI assistants / … are reported") and the
 * console: every kind is equally a personal destination to the risk model.
 */
export const DestinationKind = z.enum(['webmail', 'cloud', 'messenger', 'ai', 'docs', 'social']);
export type DestinationKind = z.infer<typeof DestinationKind>;

/** A destination a built-in or added site definition may carry beyond its patterns. */
export const DestinationFields = {
  kind: DestinationKind.optional(),
  mode: DestinationMode.optional(),
  /**
   * When set, the site is personal only while the account the page shows as signed in has one of these
   * domains (Gmail and Drive: gmail.com; another domain is a Google Workspace account, i.e. corporate).
   * A page that shows no account is treated as personal.
   */
  personalAccountDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).max(64).optional(),
};

const GOOGLE_CONSUMER = ['gmail.com', 'googlemail.com'];

/**
 * The built-in personal destinations. Corporate flavours of the same vendors are left out on purpose:
 * Outlook on the web for work lives on outlook.office.com / outlook.office365.com, Tencent's business
 * mail on exmail.qq.com, NetEase's on qiye.163.com; Google Workspace shares Gmail's and Drive's hosts
 * and is told apart by the signed-in account.
 */
export interface BuiltInDestination {
  id: string;
  name: string;
  matches: string[];
  kind: DestinationKind;
  personalAccountDomains?: string[];
}

const https = (...hosts: string[]) => hosts.map((host) => `https://${host}/*`);

/**
 * AI assistants: a client list pasted "to clean it up" leaves the company as surely as by mail. Their work
 * flavours are told apart by the signed-in account (Gemini in Workspace) or the policy's company tenants
 * (ChatGPT Enterprise, Claude for Work: the account's domain); Copilot with a work account lives on
 * m365.cloud.microsoft, which is left out.
 */
const AI_ASSISTANTS: BuiltInDestination[] = [
  { id: 'chatgpt', name: 'ChatGPT', matches: https('chatgpt.com', 'chat.openai.com'), kind: 'ai' },
  { id: 'claude', name: 'Claude', matches: https('claude.ai'), kind: 'ai' },
  { id: 'gemini', name: 'Gemini', matches: https('gemini.google.com'), kind: 'ai', personalAccountDomains: GOOGLE_CONSUMER },
  { id: 'microsoft-copilot', name: 'Microsoft Copilot', matches: https('copilot.microsoft.com'), kind: 'ai' },
  { id: 'deepseek', name: 'DeepSeek', matches: https('chat.deepseek.com'), kind: 'ai' },
  { id: 'perplexity', name: 'Perplexity', matches: https('www.perplexity.ai', 'perplexity.ai'), kind: 'ai' },
  { id: 'mistral-le-chat', name: 'Mistral Le Chat', matches: https('chat.mistral.ai'), kind: 'ai' },
  { id: 'gigachat', name: 'GigaChat', matches: https('giga.chat'), kind: 'ai' },
  { id: 'yandex-alice', name: 'YandexGPT / Alice', matches: https('alice.yandex.ru'), kind: 'ai' },
  { id: 'kimi', name: 'Kimi', matches: https('kimi.moonshot.cn', 'www.kimi.com', 'kimi.com'), kind: 'ai' },
  { id: 'qwen', name: 'Qwen / Tongyi', matches: https('tongyi.aliyun.com', 'www.tongyi.com', 'chat.qwen.ai'), kind: 'ai' },
  { id: 'doubao', name: 'Doubao', matches: https('www.doubao.com'), kind: 'ai' },
  { id: 'ernie-bot', name: 'ERNIE Bot (Yiyan)', matches: https('yiyan.baidu.com'), kind: 'ai' },
];

/**
 * Personal documents and drives. Google Docs, Sheets, Slides and Forms share docs.google.com and, like
 * Gmail, are corporate under a Workspace account; a company's Notion, Airtable or Box is a company tenant.
 */
const PERSONAL_DOCUMENTS: BuiltInDestination[] = [
  { id: 'google-docs', name: 'Google Docs, Sheets and Forms', matches: https('docs.google.com'), kind: 'docs', personalAccountDomains: GOOGLE_CONSUMER },
  // OneDrive for work lives on <tenant>-my.sharepoint.com; onedrive.live.com is the consumer one.
  { id: 'onedrive-personal', name: 'OneDrive (personal)', matches: https('onedrive.live.com'), kind: 'cloud' },
  { id: 'notion', name: 'Notion', matches: https('www.notion.so', 'notion.so'), kind: 'docs' },
  { id: 'airtable', name: 'Airtable', matches: https('airtable.com'), kind: 'docs' },
  { id: 'box', name: 'Box', matches: https('app.box.com', '*.app.box.com'), kind: 'cloud' },
];

/**
 * Social networks and messengers. Viber has no web client; the RU market's web messenger is VK's MAX.
 * Slack and Discord are personal unless the workspace (or server) is one of the company's tenants.
 */
const SOCIAL_AND_MESSENGERS: BuiltInDestination[] = [
  { id: 'linkedin', name: 'LinkedIn messaging', matches: https('www.linkedin.com'), kind: 'social' },
  { id: 'vk', name: 'VK', matches: https('vk.com', 'm.vk.com', 'vk.ru', 'web.vk.me'), kind: 'social' },
  { id: 'wechat-web', name: 'WeChat Web', matches: https('wx.qq.com', 'wx2.qq.com', 'web.wechat.com', 'filehelper.weixin.qq.com'), kind: 'messenger' },
  { id: 'max-messenger', name: 'MAX (VK messenger)', matches: https('web.max.ru'), kind: 'messenger' },
  { id: 'slack', name: 'Slack (workspaces not the company’s)', matches: https('*.slack.com'), kind: 'messenger' },
  { id: 'discord', name: 'Discord', matches: https('discord.com'), kind: 'messenger' },
];

export const BUILT_IN_PERSONAL_DESTINATIONS: BuiltInDestination[] = [
  { id: 'gmail', name: 'Gmail', matches: ['https://mail.google.com/*'], kind: 'webmail', personalAccountDomains: GOOGLE_CONSUMER },
  { id: 'outlook-com', name: 'Outlook.com', matches: ['https://outlook.live.com/*'], kind: 'webmail' },
  { id: 'yahoo-mail', name: 'Yahoo Mail', matches: ['https://*.mail.yahoo.com/*'], kind: 'webmail' },
  { id: 'mail-ru', name: 'Mail.ru', matches: ['https://e.mail.ru/*', 'https://touch.mail.ru/*'], kind: 'webmail' },
  {
    id: 'yandex-mail',
    name: 'Yandex Mail',
    matches: ['https://mail.yandex.ru/*', 'https://mail.yandex.com/*', 'https://mail.yandex.kz/*', 'https://mail.yandex.by/*', 'https://mail.yandex.com.tr/*', 'https://mail.360.yandex.ru/*'],
    kind: 'webmail',
  },
  { id: 'proton-mail', name: 'Proton Mail', matches: ['https://mail.proton.me/*', 'https://mail.protonmail.com/*'], kind: 'webmail' },
  { id: 'qq-mail', name: 'QQ Mail', matches: ['https://*.mail.qq.com/*'], kind: 'webmail' },
  { id: 'netease-mail', name: 'NetEase Mail (163/126)', matches: ['https://*.mail.163.com/*', 'https://*.mail.126.com/*', 'https://*.mail.yeah.net/*'], kind: 'webmail' },
  { id: 'icloud', name: 'iCloud Mail and Drive', matches: ['https://www.icloud.com/*', 'https://*.icloud.com/*'], kind: 'webmail' },
  { id: 'gmx', name: 'GMX', matches: ['https://*.gmx.net/*', 'https://*.gmx.com/*', 'https://*.gmx.de/*'], kind: 'webmail' },
  { id: 'web-de', name: 'WEB.DE', matches: ['https://*.web.de/*'], kind: 'webmail' },
  { id: 'google-drive', name: 'Google Drive', matches: ['https://drive.google.com/*'], kind: 'cloud', personalAccountDomains: GOOGLE_CONSUMER },
  { id: 'dropbox', name: 'Dropbox', matches: ['https://www.dropbox.com/*'], kind: 'cloud' },
  { id: 'yandex-disk', name: 'Yandex Disk', matches: ['https://disk.yandex.ru/*', 'https://disk.yandex.com/*', 'https://disk.360.yandex.ru/*'], kind: 'cloud' },
  { id: 'cloud-mail-ru', name: 'Cloud Mail.ru', matches: ['https://cloud.mail.ru/*'], kind: 'cloud' },
  { id: 'wetransfer', name: 'WeTransfer', matches: ['https://wetransfer.com/*', 'https://*.wetransfer.com/*'], kind: 'cloud' },
  { id: 'mega', name: 'MEGA', matches: ['https://mega.nz/*', 'https://mega.io/*'], kind: 'cloud' },
  { id: 'telegram-web', name: 'Telegram Web', matches: ['https://web.telegram.org/*'], kind: 'messenger' },
  { id: 'whatsapp-web', name: 'WhatsApp Web', matches: ['https://web.whatsapp.com/*'], kind: 'messenger' },
  ...AI_ASSISTANTS,
  ...PERSONAL_DOCUMENTS,
  ...SOCIAL_AND_MESSENGERS,
];

/**
 * Consumer mail domains: a Google account may be registered with one of these instead of a Gmail address
 * (and then uses Drive, not Gmail); it is as personal as a gmail.com one.
 */
const CONSUMER_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'icloud.com', 'me.com',
  'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'yandex.ru', 'ya.ru', 'yandex.com', 'proton.me', 'protonmail.com', 'qq.com', '163.com',
  '126.com', 'yeah.net', 'gmx.net', 'gmx.de', 'gmx.com', 'web.de', 'aol.com',
]);

/**
 * Whether a destination counts as personal given the account the page shows (its domain, lower-case, or
 * undefined when the page shows none). Sites without `personalAccountDomains` are always personal.
 */
export function isPersonalAccount(site: { personalAccountDomains?: readonly string[] }, accountDomain: string | undefined): boolean {
  if (!site.personalAccountDomains || !accountDomain) return true;
  return site.personalAccountDomains.includes(accountDomain) || CONSUMER_MAIL_DOMAINS.has(accountDomain);
}

/**
 * Whether an upload or paste on `site` counts as personal: not on one of the company's tenants (its URL or
 * the account's domain), and on a personal account where the site has a corporate flavour on the same host.
 */
export function isPersonalUse(
  site: { personalAccountDomains?: readonly string[] },
  where: { href?: string; accountDomain?: string; companyTenants?: readonly string[] },
): boolean {
  if (isCompanyTenant(where.href, where.accountDomain, where.companyTenants ?? [])) return false;
  return isPersonalAccount(site, where.accountDomain);
}
