import { browser, type Browser } from 'wxt/browser';
import { ContentToBackground, EventIdEnvelope, type Reply } from '../lib/messaging';
import { siteFor } from '../lib/match-pattern';
import { fingerprintUnderPolicy } from '../lib/fingerprint';
import { isPersonalUse } from '../../shared/destinations';
import { reportEvent } from './report-event';
import { saltedPolicy } from './salted-policy';

/**
 * Turns what the content scripts noticed into events. The site is taken from `sender.url` (the frame
 * the action happened in), never from the message, and only messages from our own extension are read.
 */
export function listenForContentEvents(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    const url = frameUrl(sender);
    if (sender.id !== browser.runtime.id || !url) return undefined;
    const parsed = ContentToBackground.safeParse(message);
    if (!parsed.success) return Promise.resolve({ ok: false, error: 'unknown message' } satisfies Reply<never>);
    // A content script from before this version sends no id; its event gets a fresh one.
    const id = EventIdEnvelope.safeParse(message).data?.eventId;
    return handle(parsed.data, url, id).then(
      (data): Reply<Reported> => ({ ok: true, data }),
      (error): Reply<never> => ({ ok: false, error: String(error) }),
    );
  });
}

/**
 * The frame's URL; an `about:blank` or `srcdoc` frame a destination page wrote itself (matchOriginAsFallback)
 * has no URL of its own, so it counts as the origin it inherited.
 */
function frameUrl(sender: Browser.runtime.MessageSender): string | undefined {
  if (sender.url?.startsWith('http')) return sender.url;
  const origin = (sender as { origin?: string }).origin;
  return origin?.startsWith('http') ? `${origin}/` : undefined;
}

/** The reply a destination's content script waits for: whether it was reported, and the event id a justification refers to. */
export interface Reported {
  reported: boolean;
  eventId?: string;
}

async function handle(message: ContentToBackground, url: string, id: string | undefined): Promise<Reported> {
  const policy = await saltedPolicy();
  const origin = new URL(url).origin;
  if (message.kind === 'crm.print') {
    const crm = siteFor(url, policy.crmSites);
    if (!crm) return { reported: false };
    await reportEvent({ id, type: 'crm.print', origin, crm: crm.id, trigger: message.trigger });
    return { reported: true };
  }
  if (message.kind === 'agent.tamper') {
    const crm = siteFor(url, policy.crmSites);
    return reported(await reportEvent({ id, type: 'agent.tamper', origin, signal: message.signal, detail: message.detail, ...(crm && { crm: crm.id }) }));
  }
  const contacts = 'phoneCount' in message ? Math.max(message.emailCount, message.phoneCount) : 0;
  const sampled = () => fingerprintUnderPolicy('emails' in message ? message.emails : [], policy);

  if (message.kind === 'crm.copy') {
    const crm = siteFor(url, policy.crmSites);
    if (!crm || contacts < policy.thresholds.copyMinContacts) return { reported: false };
    const { emails: _, kind: __, ...counts } = message;
    await reportEvent({ id, type: 'crm.copy', origin, crm: crm.id, ...counts, ...(await sampled()) });
    return { reported: true };
  }
  if (message.kind === 'crm.record_view_reason') {
    const crm = siteFor(url, policy.crmSites);
    if (!crm) return { reported: false };
    const { kind: _, ...reason } = message;
    return reported(await reportEvent({ type: 'crm.record_view_reason', origin, crm: crm.id, ...reason }));
  }
  if (message.kind === 'crm.list_view') {
    const crm = siteFor(url, policy.crmSites);
    if (!crm || message.emails.length < policy.thresholds.copyMinContacts) return { reported: false };
    return reported(await reportEvent({ type: 'crm.list_view', origin, crm: crm.id, emailCount: message.emails.length, ...(await sampled()) }));
  }
  const destination = siteFor(url, policy.personalDestinations);
  if (!destination) return { reported: false };
  if (message.kind === 'webmail.justification') {
    const { kind: _, ...reason } = message;
    return reported(await reportEvent({ type: 'webmail.justification', origin, destination: destination.id, ...reason }));
  }
  // A Google Workspace account on Gmail or Drive, or a company tenant (its Slack, ChatGPT Enterprise), is corporate: nothing to report.
  if (!isPersonalUse(destination, { href: url, accountDomain: message.accountDomain, companyTenants: policy.companyTenants })) return { reported: false };
  if (message.kind === 'webmail.paste') {
    if (contacts < policy.thresholds.pasteMinContacts) return { reported: false };
    const { emails: _, kind: __, ...counts } = message;
    return reported(await reportEvent({ id, type: 'webmail.paste', origin, destination: destination.id, ...counts, ...(await sampled()) }));
  }
  const { emails: _, kind: __, ...file } = message;
  return reported(await reportEvent({ id, type: 'webmail.upload', origin, destination: destination.id, ...file, ...(await sampled()) }));
}

function reported(event: { id: string } | undefined): Reported {
  return event ? { reported: true, eventId: event.id } : { reported: false };
}
