/**
 * The domain of the account a webmail or cloud page shows as signed in, so a Google Workspace account on
 * mail.google.com or drive.google.com (corporate) is told apart from a personal @gmail.com one.
 * Google puts the address in the document title ("Inbox (3) - jane@gmail.com - Gmail") and in the account
 * button's label ("Google Account: Jane Doe (jane@gmail.com)"); other vendors in similar places.
 */
const ADDRESS = /[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24})(?![A-Za-z0-9-])/;

/** The first address's domain, lower-case, in texts given most telling first. */
export function accountDomainFrom(texts: readonly (string | null | undefined)[]): string | undefined {
  for (const text of texts) {
    const match = text ? ADDRESS.exec(text) : null;
    if (match) return match[1]!.toLowerCase();
  }
  return undefined;
}

/** Where pages show the signed-in account: the title, then the account button's label or tooltip. */
const ACCOUNT_LABELS = '[aria-label^="Google Account"], [aria-label*="account" i][aria-label*="@"], [data-email]';

export function shownAccountDomain(doc: Document): string | undefined {
  // An iframe (an upload dialog) rarely names the account; its top document does when it is same-origin.
  const docs = [doc];
  try {
    if (window.top && window.top !== window && window.top.document) docs.push(window.top.document);
  } catch {
    // A cross-origin top frame: only this frame's own hints count.
  }
  const texts: (string | null)[] = [];
  for (const d of docs) {
    texts.push(d.title);
    for (const el of Array.from(d.querySelectorAll(ACCOUNT_LABELS)).slice(0, 5)) {
      texts.push(el.getAttribute('aria-label'), el.getAttribute('data-email'));
    }
  }
  return accountDomainFrom(texts);
}
