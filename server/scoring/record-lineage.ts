import type { Event } from '../../shared/events';
import { DAY_MS } from '../risk/days';
import { matchLineage, type FingerprintSet, type LineageMatch } from '../risk/lineage';
import { RISK_MODEL, type RiskModel } from '../risk/model';
import type { Store } from '../store/store';

/** Where CRM contacts are seen: exports, copies, and the list views an employee had on screen. */
const SOURCES = ['crm.export', 'crm.copy', 'crm.list_view'];
const EXFILTRATIONS = ['webmail.upload', 'webmail.paste'];
/** Clock skew between tabs tolerated when ordering a CRM copy and an upload. */
const SKEW_MS = 5 * 60_000;

/**
 * Lineage for newly stored events: a new upload or paste is compared with the CRM exports and copies of
 * the scoring window (30 days by default) before it; a new export or copy re-checks the uploads of the
 * window after it (an upload can arrive before the copy that fed it). One query per employee and kind for
 * the whole batch, filtered here per event: a batch of fifty exports is not fifty queries.
 */
export async function recordLineage(store: Store, inserted: readonly Event[], model: RiskModel = RISK_MODEL): Promise<void> {
  const feeds = feedsWithin(model);
  const exfiltrations = new Map<string, Event>();
  for (const [employee, events] of byEmployee(inserted.filter((e) => 'fingerprints' in e && e.fingerprints.length > 0))) {
    for (const e of events) if (EXFILTRATIONS.includes(e.type)) exfiltrations.set(e.id, e);
    const sources = events.filter((e) => SOURCES.includes(e.type));
    if (sources.length === 0) continue;
    const [from, to] = span(sources);
    for (const later of await store.eventsWithFingerprints(employee, EXFILTRATIONS, iso(from - SKEW_MS), iso(to + feeds.windowMs))) {
      if (sources.some((s) => feeds(s, later))) exfiltrations.set(later.id, later);
    }
  }
  for (const [employee, uploads] of byEmployee([...exfiltrations.values()])) {
    const [from, to] = span(uploads);
    const sources = await store.eventsWithFingerprints(employee, SOURCES, iso(from - feeds.windowMs), iso(to + SKEW_MS));
    for (const upload of uploads) {
      await store.saveLineage(employee, upload, lineageFor(upload, sources.filter((s) => feeds(s, upload))));
    }
  }
}

/** For raw events in memory (the benchmark, tests): the lineage of each upload or paste. */
export function lineageOf(events: readonly Event[], model: RiskModel = RISK_MODEL): Map<string, LineageMatch> {
  const feeds = feedsWithin(model);
  const sources = events.filter((e) => SOURCES.includes(e.type));
  const result = new Map<string, LineageMatch>();
  for (const upload of events) {
    if (!EXFILTRATIONS.includes(upload.type)) continue;
    const match = lineageFor(upload, sources.filter((s) => feeds(s, upload)));
    if (match) result.set(upload.id, match);
  }
  return result;
}

/** How far back a CRM source can feed an upload: the longer of the scoring window and the departure look-back. */
export function lineageWindowMs(model: RiskModel): number {
  return Math.max(model.windowDays, model.departureLookbackDays) * DAY_MS;
}

/**
 * Whether a CRM source can have fed an upload: within the departure look-back before it (90 days by default:
 * an export weeks before the notice and an upload after it are one act, as Purview's look-back assumes),
 * or a little after (clock skew between tabs).
 */
function feedsWithin(model: RiskModel) {
  const windowMs = lineageWindowMs(model);
  return Object.assign((source: Event, upload: Event) => {
    const gap = Date.parse(upload.occurredAt) - Date.parse(source.occurredAt);
    return gap >= -SKEW_MS && gap <= windowMs;
  }, { windowMs });
}

function byEmployee(events: readonly Event[]): Map<string, Event[]> {
  const groups = new Map<string, Event[]>();
  for (const e of events) {
    const group = groups.get(e.employee);
    if (group) group.push(e);
    else groups.set(e.employee, [e]);
  }
  return groups;
}

function span(events: readonly Event[]): [number, number] {
  const times = events.map((e) => Date.parse(e.occurredAt));
  return [Math.min(...times), Math.max(...times)];
}

/**
 * An upload's lineage across a salt rotation. A source's fingerprints under both salts are one set (two
 * salts never give the same fingerprint). An upload sent during a rotation's window carries its
 * contacts under each salt; each is compared on its own, so no contact counts twice, and the better
 * match is kept. Every source of the window and before the rotation has the previous salt's set, so that
 * comparison misses nothing. Its matched fingerprints are not kept: they are under another salt than
 * later uploads', and `distinctContacts` must not add the same contacts up twice; it counts such a match
 * as its own `matched` (a lower bound).
 */
function lineageFor(upload: Event, sources: readonly Event[]): LineageMatch | undefined {
  const crm = sources.map(bothSalts);
  const current = matchLineage(fingerprintsOf(upload), crm);
  const previous = 'previousFingerprints' in upload && upload.previousFingerprints?.length
    ? matchLineage({ eventId: upload.id, fingerprints: upload.previousFingerprints, fingerprintLevel: upload.fingerprintLevel }, crm)
    : undefined;
  if (!previous || (current && current.matched >= previous.matched)) return current;
  const { matchedFingerprints: _, ...withoutFingerprints } = previous;
  return withoutFingerprints;
}

function fingerprintsOf(e: Event): FingerprintSet {
  return 'fingerprints' in e ? { eventId: e.id, fingerprints: e.fingerprints, fingerprintLevel: e.fingerprintLevel } : { eventId: e.id, fingerprints: [], fingerprintLevel: 0 };
}

function bothSalts(e: Event): FingerprintSet {
  const set = fingerprintsOf(e);
  const previous = 'previousFingerprints' in e ? e.previousFingerprints ?? [] : [];
  return previous.length > 0 ? { ...set, fingerprints: [...set.fingerprints, ...previous] } : set;
}

function iso(ms: number) {
  return new Date(ms).toISOString();
}
