import { browser, type Browser } from 'wxt/browser';
import { ContentToBackground, EventIdEnvelope, type Reply } from '../lib/messaging';
import { siteFor } from '../lib/match-pattern';
import { fingerprintContacts } from '../lib/fingerprint';
import { reportEvent } from './report-event';
import { saltedPolicy } from './salted-policy';

/**
 * Turns what the content scripts noticed into events. The site is taken from `sender.url` (the frame
 * the action happened in), never from the message, and only messages from our own extension are read.
 */
export function listenForContentEvents(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || !sender.url) return undefined;
    const parsed = ContentToBackground.safeParse(message);
    if (!parsed.success) return Promise.resolve({ ok: false, error: 'unknown message' } satisfies Reply<never>);
    // A content script from before this version sends no id; its event gets a fresh one.
    const id = EventIdEnvelope.safeParse(message).data?.eventId;
    return handle(parsed.data, sender.url, id).then(
      (data): Reply<{ reported: boolean }> => ({ ok: true, data }),
      (error): Reply<never> => ({ ok: false, error: String(error) }),
    );
  });
}

async function handle(message: ContentToBackground, url: string, id: string | undefined): Promise<{ reported: boolean }> {
  const policy = await saltedPolicy();
  const origin = new URL(url).origin;
  if (message.kind === 'crm.print') {
    const crm = siteFor(url, policy.crmSites);
    if (!crm) return { reported: false };
    await reportEvent({ id, type: 'crm.print', origin, crm: crm.id, trigger: message.trigger });
    return { reported: true };
  }
  const contacts = 'phoneCount' in message ? Math.max(message.emailCount, message.phoneCount) : 0;
  const sampled = () => fingerprintContacts(message.emails, policy.fingerprintSalt);

  if (message.kind === 'crm.copy') {
    const crm = siteFor(url, policy.crmSites);
    if (!crm || contacts < policy.thresholds.copyMinContacts) return { reported: false };
    const { emails: _, kind: __, ...counts } = message;
    await reportEvent({ id, type: 'crm.copy', origin, crm: crm.id, ...counts, ...(await sampled()) });
    return { reported: true };
  }
  const destination = siteFor(url, policy.personalDestinations);
  if (!destination) return { reported: false };
  if (message.kind === 'webmail.paste') {
    if (contacts < policy.thresholds.pasteMinContacts) return { reported: false };
    const { emails: _, kind: __, ...counts } = message;
    await reportEvent({ id, type: 'webmail.paste', origin, destination: destination.id, ...counts, ...(await sampled()) });
    return { reported: true };
  }
  const { emails: _, kind: __, ...file } = message;
  await reportEvent({ id, type: 'webmail.upload', origin, destination: destination.id, ...file, ...(await sampled()) });
  return { reported: true };
}
