import { browser } from 'wxt/browser';
import { readConfig } from '../lib/config';
import { formatSize, MESSAGES, pickLanguage, type Language, type PopupMessages } from '../lib/i18n';
import type { Enrollment } from '../lib/transport';
import { cachedPolicy } from '../lib/policy';
import { readConnection } from '../lib/connection-state';
import { eventQueue } from '../lib/queue';
import type { SentEntry } from '../lib/sent-log';

/**
 * The employee's view of the extension, in their language: who they are enrolled as, whether the server
 * can be reached and how much waits, every event this browser reported in the last 30 days, newest first
 * (from the local sent log; the server is not asked), then what it watches on which sites.
 */
export async function renderPopup(doc: Document, languages: readonly string[] = navigator.languages): Promise<void> {
  const language = pickLanguage(languages);
  const t = MESSAGES[language];
  const queue = eventQueue();
  const [config, policy, queued, sent, stored, connection] = await Promise.all([readConfig(), cachedPolicy(), queue.depth(), queue.recentlySent(), browser.storage.local.get('device'), readConnection()]);
  const device = stored.device as { employee?: string } | undefined;
  doc.documentElement.lang = language;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const fill = (id: string, ...children: Node[]) => doc.getElementById(id)!.replaceChildren(...children);

  fill('intro', doc.createTextNode(t.intro));
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const since = connection && (Date.now() - Date.parse(connection.since) < 86_400_000 ? time : dateTime).format(new Date(connection.since));
  const status: [string, string][] = [
    [t.enrolledAs, stored.device ? enrolledAs(t, stored.device as Enrollment) : (config.employeeEmail ? `${config.employeeEmail} (${t.notEnrolled})` : t.notSet)],
    [t.connectionLabel, t.connection({ enrolled: device !== undefined, reachable: connection?.reachable, since, waiting: queued })],
    [t.server, config.serverUrl || t.notSet],
  ];
  fill('status', ...status.flatMap(([k, v]) => [el('dt', k), el('dd', v)]));
  // What was reported comes first: it is what the employee opened the popup to see.
  fill('reported-heading', doc.createTextNode(t.reportedHeading(sent.length)));
  fill('reported', ...reportedItems(sent, language, el));
  fill('watches-heading', doc.createTextNode(t.watchesHeading));
  fill('watches', ...t.watches(policy.thresholds.copyMinContacts, policy.thresholds.pasteMinContacts).map((w) => el('li', w)));
  fill('sites-heading', doc.createTextNode(t.sitesHeading));
  const sites = [...policy.crmSites.map((s) => ({ s, kind: t.crmSite })), ...policy.personalDestinations.map((s) => ({ s, kind: t.personalSite }))];
  // One line per vendor; its address patterns (dozens for some) folded behind it.
  fill('sites', ...sites.map(({ s, kind }) => {
    const item = el('li');
    const folded = el('details');
    folded.append(el('summary', `${s.name} (${kind})`), el('span', s.matches.join(', '), 'patterns'));
    item.append(folded);
    return item;
  }));
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
