import type { Destination } from '../../../shared/policy';

/**
 * Where files and pastes go, as the extension would see each site: its policy id, the page origin and
 * the domain of the personal account the page shows (undefined where the page shows none).
 */
export interface PersonalSite {
  id: string;
  origin: string;
  accountDomain?: string;
}

export const SITES = {
  gmail: { id: 'gmail', origin: 'https://mail.google.com', accountDomain: 'gmail.com' },
  outlook: { id: 'outlook-com', origin: 'https://outlook.live.com', accountDomain: 'outlook.com' },
  proton: { id: 'proton-mail', origin: 'https://mail.proton.me', accountDomain: 'proton.me' },
  drive: { id: 'google-drive', origin: 'https://drive.google.com', accountDomain: 'gmail.com' },
  dropbox: { id: 'dropbox', origin: 'https://www.dropbox.com' },
  wetransfer: { id: 'wetransfer', origin: 'https://wetransfer.com' },
  telegram: { id: 'telegram-web', origin: 'https://web.telegram.org' },
  whatsapp: { id: 'whatsapp-web', origin: 'https://web.whatsapp.com' },
  chatgpt: { id: 'chatgpt', origin: 'https://chatgpt.com' },
  claude: { id: 'claude', origin: 'https://claude.ai' },
  gemini: { id: 'gemini', origin: 'https://gemini.google.com', accountDomain: 'gmail.com' },
} as const satisfies Record<string, PersonalSite>;

export const PERSONAL_MAIL: readonly PersonalSite[] = [SITES.gmail, SITES.gmail, SITES.outlook, SITES.proton];
export const PERSONAL_STORAGE: readonly PersonalSite[] = [SITES.drive, SITES.drive, SITES.dropbox, SITES.wetransfer];
export const MESSENGERS: readonly PersonalSite[] = [SITES.whatsapp, SITES.telegram];
export const AI_ASSISTANTS: readonly PersonalSite[] = [SITES.chatgpt, SITES.chatgpt, SITES.claude, SITES.gemini];

/**
 * The AI assistants are not built-in destinations: this organisation's administrator added them to the
 * policy. A harness replaying the events adds these to its policy so the sites are known.
 */
export const ADDED_DESTINATIONS: Destination[] = [
  { id: 'chatgpt', name: 'ChatGPT', matches: ['https://chatgpt.com/*', 'https://chat.openai.com/*'], kind: 'messenger' },
  { id: 'claude', name: 'Claude', matches: ['https://claude.ai/*'], kind: 'messenger' },
  { id: 'gemini', name: 'Gemini', matches: ['https://gemini.google.com/*'], kind: 'messenger', personalAccountDomains: ['gmail.com', 'googlemail.com'] },
];
