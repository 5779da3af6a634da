/**
 * Covers a CRM record the employee opened beyond the record-view limit in block mode, until they give a
 * reason. Like the destination notice, it lives in a closed shadow root under a host whose inline
 * `!important` styles the page cannot override; it covers the whole viewport with an opaque layer, and
 * while it is up a copy on the page copies nothing.
 */
const STYLE = `
.cover{position:fixed;inset:0;background:#f3f3f3;display:flex;align-items:center;justify-content:center;font:14px/1.4 system-ui,Arial,sans-serif;color:#1f1f1f}
.box{background:#fff;border:1px solid #c7c7c7;border-left:4px solid #b3261e;border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.2);padding:14px 16px;max-width:440px}
p{margin:0 0 8px}
textarea{box-sizing:border-box;width:100%;min-height:64px;font:inherit;margin-bottom:8px}
.row{display:flex;justify-content:flex-end}
button{font:inherit;padding:4px 12px;cursor:pointer}`;

export function showRecordGate(text: string, send: (reason: string) => Promise<boolean>): void {
  document.querySelector('crm-guard-notice')?.remove();
  const host = document.createElement('crm-guard-notice');
  host.setAttribute('style', 'all:initial !important;position:fixed !important;inset:0 !important;z-index:2147483647 !important;display:block !important');
  const root = host.attachShadow({ mode: 'closed' });
  const cover = element('div', { class: 'cover', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'A reason is needed to show this record' });
  const box = element('div', { class: 'box', role: 'alert' });
  const message = element('p', {}, text);
  const reason = element('textarea', { 'aria-label': 'Reason', placeholder: 'Why do you need this record?', maxlength: '2000' }) as HTMLTextAreaElement;
  const show = element('button', { type: 'button', class: 'send' }, 'Send reason and show the record');
  const row = element('div', { class: 'row' });
  row.append(show);
  box.append(message, reason, row);
  cover.append(box);
  root.append(element('style', {}, STYLE), cover);
  // Nothing behind the cover may be copied while it is up (Ctrl+A, Ctrl+C still reach the page).
  const stopCopy = (event: ClipboardEvent) => event.preventDefault();
  window.addEventListener('copy', stopCopy, true);
  window.addEventListener('cut', stopCopy, true);
  show.addEventListener('click', () => {
    if (!reason.value.trim()) return reason.focus();
    show.setAttribute('disabled', '');
    void send(reason.value.trim()).then((sent) => {
      if (!sent) {
        message.textContent = 'Your reason could not be sent; please try again.';
        show.removeAttribute('disabled');
        return;
      }
      window.removeEventListener('copy', stopCopy, true);
      window.removeEventListener('cut', stopCopy, true);
      host.remove();
    });
  });
  (document.body ?? document.documentElement).append(host);
}

function element(tag: string, attributes: Record<string, string>, text?: string): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}
