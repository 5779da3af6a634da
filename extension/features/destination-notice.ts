import type { DestinationKind, DestinationMode } from '../../shared/destinations';

/** The wording a notice uses for the kind of destination. */
const PLACES: Record<DestinationKind, string> = {
  webmail: 'personal mail',
  cloud: 'personal cloud storage and transfer sites',
  messenger: 'personal messengers',
  ai: 'AI assistants',
  docs: 'personal documents',
  social: 'social networks',
};

/** "This file holds 240 client contacts. Uploads to personal mail are reported to your company's security team." */
export function noticeText(what: 'file' | 'text', contacts: number | undefined, mode: DestinationMode, kind: DestinationKind): string {
  const holds = contacts ? `This ${what} holds ${contacts.toLocaleString('en')} client contact${contacts === 1 ? '' : 's'}. ` : '';
  const subject = what === 'file' ? `Uploads to ${PLACES[kind]} are` : `Pasting client contacts into ${PLACES[kind]} is`;
  return mode === 'block'
    ? `${holds}${subject} blocked by your company's policy; this attempt was reported.`
    : `${holds}${subject} reported to your company's security team.`;
}

const STYLE = `
.box{font:13px/1.4 system-ui,Arial,sans-serif;color:#1f1f1f;background:#fff;border:1px solid #c7c7c7;border-left:4px solid #b06000;
  border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.2);padding:10px 12px;max-width:360px}
.box.block{border-left-color:#b3261e}
p{margin:0 0 8px}
textarea{box-sizing:border-box;width:100%;min-height:48px;font:inherit;margin-bottom:6px}
.row{display:flex;gap:8px;justify-content:flex-end}
button{font:inherit;padding:3px 10px;cursor:pointer}`;

export interface NoticeOptions {
  text: string;
  mode: DestinationMode;
  /** Offered in warn mode: sends the employee's reason; resolves true once it is queued. */
  justify?: (reason: string) => Promise<boolean>;
}

let current: HTMLElement | undefined;

/**
 * Shows the employee an unobtrusive notice in a closed shadow root: the page can neither read it (no
 * `shadowRoot` to reach) nor restyle it (the host's inline `!important` declarations win over its CSS).
 * One notice at a time; a newer one replaces the older.
 */
export function showNotice({ text, mode, justify }: NoticeOptions): void {
  current?.remove();
  const host = document.createElement('crm-guard-notice');
  host.setAttribute('style', 'all:initial !important;position:fixed !important;left:16px !important;bottom:16px !important;z-index:2147483647 !important;display:block !important');
  const root = host.attachShadow({ mode: 'closed' });
  const box = element('div', { class: `box ${mode}`, role: mode === 'block' ? 'alert' : 'status' });
  box.append(element('p', {}, text));
  const close = element('button', { type: 'button', class: 'dismiss' }, justify ? 'Dismiss' : 'OK');
  close.addEventListener('click', () => host.remove());
  const row = element('div', { class: 'row' });
  if (justify) {
    const reason = element('textarea', { 'aria-label': 'Reason (optional)', placeholder: 'Why do you need to send this? (optional)', maxlength: '2000' }) as HTMLTextAreaElement;
    const send = element('button', { type: 'button', class: 'send' }, 'Send reason');
    send.addEventListener('click', () => {
      if (!reason.value.trim()) return reason.focus();
      send.setAttribute('disabled', '');
      void justify(reason.value.trim()).then((sent) => {
        box.replaceChildren(element('p', {}, sent ? 'Thank you, your reason was sent with the report.' : 'Your reason could not be sent.'), row);
        row.replaceChildren(close);
        close.textContent = 'OK';
      });
    });
    box.append(reason);
    row.append(send);
  }
  row.append(close);
  box.append(row);
  root.append(element('style', {}, STYLE), box);
  (document.body ?? document.documentElement).append(host);
  current = host;
}

function element(tag: string, attributes: Record<string, string>, text?: string): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}
