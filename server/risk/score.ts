import type { Event } from '../../shared/events';
import { levelFor, type EmployeeRisk, type RiskFactor } from '../../shared/risk';
import { dayWeigher, indicatorAnomaly } from './anomaly';
import { addDays, dayOfTimestamp, isoDay, windowStart } from './days';
import { collectionWeighing, COLLECTION_INDICATORS, departureWindow, type HrSignalInput } from './departure';
import { describeAnomaly, fmt, plural } from './explain';
import { setAsideChangeWindows, type ChangeWindowInput } from './change-windows';
import { onboardingOf, setAsideOnboarding } from './onboarding';
import { coverageGaps } from './coverage';
import { collectionBurst } from './collection-burst';
import { cumulativeCollection } from './cumulative-collection';
import { sustainedGrowth } from './sustained-growth';
import { INDICATORS, type DailyActivity, type Indicator } from './indicators';
import { distinctContacts, isSignificantLineage, type LineageMatch } from './lineage';
import { RISK_MODEL, type RiskModel } from './model';
import { overLimitViews } from './over-limit-views';
import { cumulativeP95Excluding, ownValue, type PeerContext } from './peers';
import { findSequences } from './sequences';
import { isPdfUpload, printBurstDays, printedPdfUploads } from './print-channel';

export type { HrSignalInput } from './departure';

export interface ScoreInput {
  employee: string;
  now: Date;
  /** Daily indicator volumes covering at least the baseline period and the window. */
  daily: readonly DailyActivity[];
  /** The window's exports, copies, prints, uploads and pastes (no record views or heartbeats needed). */
  notable: readonly Event[];
  /** Lineage of each personal upload or paste, by event id. */
  lineage: ReadonlyMap<string, LineageMatch>;
  hrSignals: readonly HrSignalInput[];
  peers?: PeerContext;
  sequenceWindowHours: number;
  /** Declared planned work: activity inside is shown, explained, and not scored. */
  changeWindows?: readonly ChangeWindowInput[];
  /** The hire date (YYYY-MM-DD) when the HR directory gives one: a new starter's first month, exactly. */
  hiredOn?: string;
}

interface Draft { id: string; raw: number; summary: string; eventIds: string[] }

const EVENT_TYPES_OF: Partial<Record<Indicator, string[]>> = {
  export_rows: ['crm.export'], copy_contacts: ['crm.copy'], prints: ['crm.print'],
  uploads: ['webmail.upload'], upload_contacts: ['webmail.upload'], paste_contacts: ['webmail.paste'],
};

/**
 * One employee's departure risk, explained. Each indicator's daily volume is compared with the employee's
 * own baseline and the peers'; sequences, lineage, cumulative exfiltration and coverage gaps add to it;
 * everything decays with age and a departure window boosts it. Pure: same input, same output.
 */
export function scoreEmployee(given: ScoreInput, model: RiskModel = RISK_MODEL): EmployeeRisk {
  const setAside = setAsideChangeWindows(given.daily, given.notable, given.changeWindows);
  const { now } = given;
  const departure = departureWindow(given.hrSignals, model);
  // A notice re-weighs the look-back before it: the window reaches back to it and decays slower there.
  const from = departure && departure.fromDay < windowStart(now, model) ? departure.fromDay : windowStart(now, model);
  // The first active day is read before change windows are set aside: a declared window is not a late start.
  const onboarding = onboardingOf(given.daily, given.peers, now, model, setAside.daily, given.hiredOn);
  const onboarded = setAsideOnboarding(setAside.daily, onboarding, from);
  const input = { ...given, daily: onboarded.daily, notable: setAside.notable };
  const weighDay = dayWeigher(now, model, departure?.from);
  const weighEvent = (e: Event) => weighDay(dayOfTimestamp(e.occurredAt));
  const notable = input.notable.filter((e) => dayOfTimestamp(e.occurredAt) >= from && Date.parse(e.occurredAt) <= now.getTime());
  const drafts: Draft[] = [];
  const departingOn = departure && ((day: string) => Date.parse(`${day}T23:59:59Z`) >= departure.from);
  const collection = collectionWeighing(departure, weighDay, dayWeigher(now, model), departingOn);

  const collected = cumulativeCollection(input.daily, from, isoDay(now), input.peers, model, departure !== undefined && departure.from <= now.getTime(), collection.weighDay, input.employee);
  if (collected) {
    drafts.push({ id: 'cumulative_collection', raw: collected.raw, summary: collected.summary, eventIds: notable.filter((e) => e.type === 'crm.export' || e.type === 'crm.copy').map((e) => e.id) });
  }

  const burst = collectionBurst(input.daily, from, isoDay(now), departure?.noticeDay, input.peers, model, collection.weighDay, input.employee);
  if (burst) {
    drafts.push({ id: 'collection_burst', raw: burst.raw, summary: burst.summary, eventIds: notable.filter((e) => e.type === 'crm.export' || e.type === 'crm.copy').map((e) => e.id) });
  }

  // Days, as the API declares them (a stored datetime is read as its day).
  const lastWindowEnd = (given.changeWindows ?? []).map((w) => w.to.slice(0, 10)).filter((to) => to < isoDay(now)).sort().at(-1);
  const growth = sustainedGrowth(input.daily, isoDay(now), input.peers, model, collection.weighDay, lastWindowEnd && addDays(lastWindowEnd, 1));
  if (growth) {
    drafts.push({ id: 'sustained_growth', raw: growth.raw, summary: growth.summary, eventIds: notable.filter((e) => e.type === 'crm.export' || e.type === 'crm.copy').map((e) => e.id) });
  }

  const anomalies = new Map<Indicator, ReturnType<typeof indicatorAnomaly>>();
  for (const indicator of INDICATORS) {
    if (indicator === 'over_limit_views') continue; // a factor of its own, with its reasons (below)
    const weighing = COLLECTION_INDICATORS.includes(indicator) ? collection : { weighDay, departingOn };
    const anomaly = indicatorAnomaly(indicator, input.daily, from, now, input.peers, weighing.weighDay, model, weighing.departingOn);
    if (!anomaly) continue;
    anomalies.set(indicator, anomaly);
    if (anomaly.points <= 0) continue;
    const types = EVENT_TYPES_OF[indicator] ?? [];
    // The events behind a factor are those of the days that earned points, not every routine one.
    const scoredDays = new Set(anomaly.days.filter((d) => d.points > 0).map((d) => d.day));
    const eventIds = notable.filter((e) => types.includes(e.type) && scoredDays.has(dayOfTimestamp(e.occurredAt))).map((e) => e.id);
    drafts.push({ id: indicator, raw: anomaly.points, summary: describeAnomaly(anomaly, input.peers?.group, from), eventIds });
  }

  const overLimit = overLimitViews(input.daily, from, now, input.peers, weighDay, model, departingOn);
  if (overLimit) drafts.push({ id: 'over_limit_views', raw: overLimit.raw, summary: overLimit.summary, eventIds: [] });

  const printedPdfs = printedPdfUploads(notable, input.sequenceWindowHours);
  const carriesData = (e: Event) => carriesCrmData(e, input.lineage, model) || printedPdfs.has(e.id);
  const enumerationDays = [
    ...(anomalies.get('record_views')?.days ?? []).filter((d) => (d.timesOwn ?? d.timesPeers ?? 0) > 3).map((d) => d.day),
    // A new starter's prints are their reading, as a leaver's are the handover's paperwork (print-channel.ts).
    ...printBurstDays(anomalies.get('prints'), departure?.resignationDay).filter((day) => !onboarding || day > onboarding.until),
  ];
  const sequences = findSequences(notable, input.sequenceWindowHours, carriesData, enumerationDays);
  // Once is carelessness, again is a habit: one act of sending a few CRM contacts out, and no other in the
  // window or in the contacts sent out the 90 days before, weighs less while the person is not leaving; a
  // second act, a list of a size that is never an accident, or the same after a notice weighs in full.
  const exfiltrations = [...notable.filter((e) => (e.type === 'webmail.upload' || e.type === 'webmail.paste') && carriesData(e)), ...sequences.map((q) => q.exfiltration)];
  const lone = loneSmallExfiltration(exfiltrations, (e) => contactsIn(e, input.lineage), input.daily, input.sequenceWindowHours, model);
  const weighExfiltration = (e: Event) => weighEvent(e) * (lone?.has(e.id) && !departingOn?.(dayOfTimestamp(e.occurredAt)) ? model.loneExfiltrationShare : 1);
  if (sequences.length > 0) {
    // One sequence a day counts: forty prints after one enumeration are one act, not forty. Its weight
    // grows with the contacts that left, so a dozen pasted clients is not scored like a whole book.
    const perDay = new Map<string, Event>();
    for (const { exfiltration } of sequences) {
      const day = dayOfTimestamp(exfiltration.occurredAt);
      const kept = perDay.get(day);
      if (!kept || contactsIn(exfiltration, input.lineage) > contactsIn(kept, input.lineage)) perDay.set(day, exfiltration);
    }
    drafts.push({
      id: 'collection_then_exfiltration',
      raw: [...perDay.values()].reduce((s, e) => s + model.sequencePoints * sizeFactor(contactsIn(e, input.lineage)) * weighExfiltration(e), 0),
      summary: `On ${plural(perDay.size, 'day')} CRM data was collected (export, copy, enumeration or a print burst) and then uploaded, pasted or printed within ${input.sequenceWindowHours} h.`,
      eventIds: [...new Set(sequences.flatMap((q) => [...q.collection.map((c) => c.id), q.exfiltration.id]))],
    });
  }

  const lineaged = notable.filter((e) => isSignificantLineage(input.lineage.get(e.id)));
  if (lineaged.length > 0) {
    const matches = lineaged.map((e) => input.lineage.get(e.id)!);
    const raw = lineaged.reduce((s, e, i) => {
      const m = matches[i]!;
      return s + (model.lineageBase + model.lineagePerShare * m.share) * sizeFactor(m.matched) * weighExfiltration(e);
    }, 0);
    drafts.push({
      id: 'lineage_match',
      raw,
      summary: `Sent ${fmt(distinctContacts(matches))} contacts seen in the CRM to personal destinations (up to ${Math.round(Math.max(...matches.map((m) => m.share)) * 100)}% of a file's contacts).`,
      eventIds: [...new Set([...lineaged.map((e) => e.id), ...matches.flatMap((m) => m.sourceEventIds)])],
    });
  }

  if (printedPdfs.size > 0) {
    const uploads = notable.filter((e) => printedPdfs.has(e.id));
    drafts.push({
      id: 'printed_pdf_upload',
      raw: uploads.reduce((s, e) => s + (model.lineageBase + model.lineagePerShare) * sizeFactor(printedPdfs.get(e.id)!) * weighEvent(e), 0),
      summary: `Uploaded ${plural(uploads.length, 'PDF')} to personal destinations within ${input.sequenceWindowHours} h of printing or saving CRM views as PDF.`,
      eventIds: uploads.map((e) => e.id),
    });
  }

  // CRM contacts only: a trade-fair lead list sent to an agency is contacts, but not the CRM's.
  const crmExfiltrations = notable.filter((e) => (e.type === 'webmail.upload' || e.type === 'webmail.paste') && carriesCrmData(e, input.lineage, model));
  const sent = crmExfiltrations.reduce((s, e) => s + contactsIn(e, input.lineage), 0);
  const ceiling = Math.max(input.peers ? cumulativeP95Excluding(input.peers, ownValue(input.peers, input.employee, 'sent', sent)) : 0, model.cumulativeFloor);
  if (sent > ceiling) {
    drafts.push({
      id: 'cumulative_exfiltration',
      raw: model.cumulativePerDoubling * Math.log2(sent / ceiling),
      summary: `Sent ${fmt(sent)} CRM contacts to personal destinations since ${from}, above what 95% of the ${input.peers?.group ?? 'peer'} group sends (${fmt(ceiling)}).`,
      eventIds: crmExfiltrations.map((e) => e.id),
    });
  }

  const gaps = coverageGaps(input.daily, from, isoDay(now), model);
  if (gaps.length > 0) {
    drafts.push({
      id: 'coverage_gap',
      raw: gaps.reduce((s, g) => s + model.coverageGapPoints * weighDay(g.until), 0),
      summary: `The extension went silent ${plural(gaps.length, 'time')} for ${gaps.map((g) => `${g.workingDays} working days`).join(', ')} and came back.`,
      eventIds: [],
    });
  }

  if (departure?.lastDay !== undefined) {
    const lastDay = departure.lastDay;
    const after = notable.filter((e) => dayOfTimestamp(e.occurredAt) > lastDay);
    const browsed = input.daily.filter((d) => d.day > lastDay && (d.values.record_views ?? 0) > 0).reduce((s, d) => s + (d.values.record_views ?? 0), 0);
    if (after.length > 0 || browsed > 0) {
      const parts = [after.length > 0 && plural(after.length, 'action'), browsed > 0 && `${plural(browsed, 'CRM record')} opened`].filter(Boolean);
      drafts.push({ id: 'after_last_working_day', raw: model.afterLastWorkingDay, summary: `${parts.join(' and ')} after the last working day (${lastDay}).`, eventIds: after.map((e) => e.id) });
    }
  }

  const raw = drafts.reduce((sum, d) => sum + d.raw, 0);
  const score = round1(100 * (1 - Math.exp(-raw / model.saturation)));
  const factors: RiskFactor[] = drafts
    .filter((d) => d.raw > 0)
    .sort((a, b) => b.raw - a.raw)
    .map((d) => ({ id: d.id, points: round1((score * d.raw) / raw), summary: d.summary, eventIds: d.eventIds }));
  if (departure) factors.push({ id: 'departure_window', points: 0, summary: departure.summary, eventIds: [] });
  if (setAside.factor) factors.push(setAside.factor);
  if (onboarded.factor) factors.push(onboarded.factor);
  return { employee: input.employee, score, level: levelFor(score), factors, updatedAt: now.toISOString() };
}

/**
 * Whether an upload or paste moved CRM data: by lineage when its contacts were fingerprinted (a list of
 * trade-fair leads or a personal address book is contacts, but not the CRM's), by its contact count when
 * they could not be (the deployment's salt not yet synced, phone numbers only). Fingerprints are opaque
 * strings here: only whether there are any matters. Prints always count; they are judged by what preceded them.
 */
export function carriesCrmData(e: Event, lineage: ReadonlyMap<string, LineageMatch>, model: RiskModel): boolean {
  if (e.type === 'crm.print') return true;
  if (isSignificantLineage(lineage.get(e.id))) return true;
  if (!('fingerprints' in e) || e.fingerprints.length > 0) return false;
  const contacts = e.type === 'webmail.paste' ? Math.max(e.emailCount, e.phoneCount) : e.type === 'webmail.upload' ? e.emailCount ?? 0 : 0;
  return contacts >= model.uploadContactsMin;
}

/**
 * The events of the window's only act of exfiltration (all within one sequence window of the first, so an act
 * that crosses midnight is one), when it carried few contacts in all (a list pasted in pieces is not a few) and
 * no other day of the 90 before it sent contacts out. Undefined when there was more than that.
 */
function loneSmallExfiltration(
  exfiltrations: readonly Event[], contacts: (e: Event) => number, daily: readonly DailyActivity[], windowHours: number, model: RiskModel,
): Set<string> | undefined {
  const distinct = [...new Map(exfiltrations.map((e) => [e.id, e])).values()];
  if (distinct.length === 0) return undefined;
  const times = distinct.map((e) => Date.parse(e.occurredAt));
  const [first, last] = [Math.min(...times), Math.max(...times)];
  if (last - first > windowHours * 3_600_000) return undefined;
  if (distinct.reduce((s, e) => s + contacts(e), 0) >= model.loneExfiltrationContacts) return undefined;
  const days = new Set(distinct.map((e) => dayOfTimestamp(e.occurredAt)));
  const since = addDays(dayOfTimestamp(new Date(first).toISOString()), -model.baselineDays);
  const sentBefore = daily.some((d) => d.day >= since && !days.has(d.day) && (d.values.paste_contacts ?? 0) + (d.values.upload_contacts ?? 0) >= model.uploadContactsMin);
  return sentBefore ? undefined : new Set(distinct.map((e) => e.id));
}

/** 0–1 by contacts on a log scale: 1 contact ≈ 0.15, 10 ≈ 0.5, 100 or more = 1. */
function sizeFactor(contacts: number): number {
  return Math.min(1, Math.log2(1 + contacts) / Math.log2(101));
}

/** How many contacts an exfiltration carried; a print after enumeration, or a PDF after a print, counts as a full one. */
function contactsIn(e: Event, lineage: ReadonlyMap<string, LineageMatch>): number {
  const matched = lineage.get(e.id)?.matched;
  if (matched !== undefined) return matched;
  if (e.type === 'webmail.paste') return Math.max(e.emailCount, e.phoneCount);
  if (e.type === 'webmail.upload' && !isPdfUpload(e)) return e.emailCount ?? 0;
  return 100;
}

function round1(n: number) {
  return Math.round(n * 10) / 10;
}
