import { browser } from 'wxt/browser';
import { readConfig } from '../lib/config';
import { formatSize, MESSAGES, pickLanguage, type Language, type PopupMessages } from '../lib/i18n';
import type { Enrollment } from '../lib/transport';
import { cachedPolicy } from '../lib/policy';
import { eventQueue } from '../lib/queue';
import type { SentEntry } from '../lib/sent-log';

/**
 * The employee's view of the extension, in their language: who and where it reports to, what it
 * watches on which sites, and every event this browser reported in the last 30 days (from the local
 * sent log; the server is not asked).
 */
export async function renderPopup(doc: Document, languages: readonly string[] = navigator.languages): Promise<void> {
  const language = pickLanguage(languages);
  const t = MESSAGES[language];
  const queue = eventQueue();
  const [config, policy, queued, sent, stored] = await Promise.all([readConfig(), cachedPolicy(), queue.depth(), queue.recentlySent(), browser.storage.local.get('device')]);
  doc.documentElement.lang = language;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const fill = (id: string, ...children: Node[]) => doc.getElementById(id)!.replaceChildren(...children);

  fill('intro', doc.createTextNode(t.intro));
  const status: [string, string][] = [
    [t.employee, config.employeeEmail || t.notSet],
    [t.server, config.serverUrl || t.notSet],
    [t.enrolled, stored.device !== undefined ? t.yes : t.no],
    ...(stored.device ? [[t.enrolledAs, enrolledAs(t, stored.device as Enrollment)] as [string, string]] : []),
    [t.waiting, queued.toLocaleString(language)],
  ];
  fill('status', ...status.flatMap(([k, v]) => [el('dt', k), el('dd', v)]));
  fill('watches-heading', doc.createTextNode(t.watchesHeading));
  fill('watches', ...t.watches(policy.thresholds.copyMinContacts, policy.thresholds.pasteMinContacts).map((w) => el('li', w)));
  fill('sites-heading', doc.createTextNode(t.sitesHeading));
  const sites = [...policy.crmSites.map((s) => ({ s, kind: t.crmSite })), ...policy.personalDestinations.map((s) => ({ s, kind: t.personalSite }))];
  fill('sites', ...sites.map(({ s, kind }) => {
    const item = el('li', `${s.name} (${kind}): `);
    item.append(el('span', s.matches.join(', '), 'patterns'));
    return item;
  }));
  fill('reported-heading', doc.createTextNode(t.reportedHeading(sent.length)));
  fill('reported', ...reportedItems(sent, language, el));
  fill('settings', doc.createTextNode(t.settings));
}

/** Who the server has this browser down as, and how it knows: the company's sign-in, or only what was stated. */
function enrolledAs(t: PopupMessages, enrollment: Enrollment): string {
  return `${enrollment.employee} (${enrollment.verifiedBy === 'oidc' ? t.verifiedByCompany : t.notVerified})`;
}

type Make = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => HTMLElementTagNameMap[K];

/** Each event with its local date and time; hourly heartbeats folded into one line so they do not bury the rest. */
function reportedItems(sent: readonly SentEntry[], language: Language, el: Make): HTMLElement[] {
  const t = MESSAGES[language];
  if (sent.length === 0) return [el('li', t.nothingReported, 'empty')];
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const items = sent.filter((e) => e.type !== 'agent.heartbeat').map((e) => {
    const item = el('li');
    const time = el('time', when.format(new Date(e.occurredAt)));
    time.dateTime = e.occurredAt;
    item.append(time, el('span', t.describe(e, (bytes) => formatSize(language, bytes))));
    return item;
  });
  const heartbeats = sent.length - items.length;
  if (heartbeats > 0) items.push(el('li', t.heartbeats(heartbeats), 'heartbeats'));
  return items;
}
