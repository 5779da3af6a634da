import type { Event, EventType } from '../../shared/events';
import { levelFor, type EmployeeRisk, type RiskFactor } from '../../shared/risk';
import type { HrSignalKind } from '../../shared/api';
import { isSignificantLineage, type LineageMatch } from './lineage';
import { findSequences } from './sequences';
import { RISK_MODEL, type RiskModel } from './model';

export interface HrSignalInput {
  kind: HrSignalKind;
  /** ISO date or timestamp. */
  effectiveDate: string;
}

export interface ScoreInput {
  employee: string;
  now: Date;
  events: readonly Event[];
  /** Lineage of each personal upload or paste, by event id. */
  lineage: ReadonlyMap<string, LineageMatch>;
  hrSignals: readonly HrSignalInput[];
  sequenceWindowHours: number;
}

const DAY_MS = 86_400_000;

interface FactorDraft {
  id: string;
  raw: number;
  eventIds: string[];
  describe: () => string;
}

/**
 * Scores one employee's departure risk: each event earns points by kind and volume, decayed by age;
 * sequences (collection then exfiltration) and lineage (CRM contacts inside an upload) add on top,
 * and a departure window boosts everything. Pure: same input, same output.
 */
export function scoreEmployee(input: ScoreInput, model: RiskModel = RISK_MODEL): EmployeeRisk {
  const now = input.now.getTime();
  const inWindow = input.events.filter((e) => {
    const age = now - Date.parse(e.occurredAt);
    return age >= -DAY_MS && age <= model.windowDays * DAY_MS;
  });
  const decay = (e: Event) => 0.5 ** (Math.max(0, now - Date.parse(e.occurredAt)) / DAY_MS / model.halfLifeDays);
  const departure = departureWindow(input.hrSignals, model);
  const boost = (e: Event) => (departure && Date.parse(e.occurredAt) >= departure.from ? model.departureBoost : 1);
  const weigh = (e: Event, points: number) => points * decay(e) * boost(e);

  const drafts: FactorDraft[] = [];
  const byType = (type: EventType) => inWindow.filter((e) => e.type === type);
  const p = model.points;

  const exports = byType('crm.export') as Extract<Event, { type: 'crm.export' }>[];
  addFactor(drafts, 'crm_export', exports, (e) => weigh(e, p.exportBase + p.exportPerDoublingOf100Rows * Math.log2(1 + (e.rows ?? 0) / 100)), () => {
    const rows = exports.reduce((sum, e) => sum + (e.rows ?? 0), 0);
    return `Exported ${plural(exports.length, 'file')} from the CRM${rows ? ` (${fmt(rows)} rows)` : ''} in the last ${model.windowDays} days.`;
  });

  const copies = byType('crm.copy') as Extract<Event, { type: 'crm.copy' }>[];
  addFactor(drafts, 'crm_copy', copies, (e) => weigh(e, p.copyBase + p.copyPerDoublingOf20Contacts * Math.log2(1 + contacts(e) / 20)), () =>
    `Copied contact lists out of the CRM ${plural(copies.length, 'time')} (${fmt(copies.reduce((s, e) => s + contacts(e), 0))} contacts).`);

  const views = byType('crm.record_view');
  addFactor(drafts, 'record_enumeration', views, (e) => weigh(e, p.recordView), () => `Opened ${plural(views.length, 'CRM record')}.`);

  const prints = byType('crm.print');
  addFactor(drafts, 'crm_print', prints, (e) => weigh(e, p.print), () => `Printed or saved ${plural(prints.length, 'CRM view')} as PDF.`);

  const uploads = byType('webmail.upload') as Extract<Event, { type: 'webmail.upload' }>[];
  addFactor(drafts, 'personal_upload', uploads, (e) => weigh(e, p.uploadBase + ((e.emailCount ?? 0) >= model.uploadContactsMin ? p.uploadWithContacts : 0)), () => {
    const withContacts = uploads.filter((e) => (e.emailCount ?? 0) >= model.uploadContactsMin).length;
    return `Uploaded ${plural(uploads.length, 'file')} to personal destinations${withContacts ? `, ${withContacts} holding contact lists` : ''}.`;
  });

  const pastes = byType('webmail.paste') as Extract<Event, { type: 'webmail.paste' }>[];
  addFactor(drafts, 'personal_paste', pastes, (e) => weigh(e, p.pasteBase + p.pastePerDoublingOf20Contacts * Math.log2(1 + contacts(e) / 20)), () =>
    `Pasted contact lists into personal destinations ${plural(pastes.length, 'time')}.`);

  const sequences = findSequences(inWindow, input.sequenceWindowHours);
  addFactor(drafts, 'collection_then_exfiltration', sequences.map((s) => s.exfiltration), (e) => weigh(e, p.sequence), () =>
    `${plural(sequences.length, 'personal upload or paste', 'personal uploads or pastes')} within ${input.sequenceWindowHours} h of a CRM export or copy.`,
    sequences.flatMap((s) => s.collection.map((c) => c.id)));

  const lineaged = [...uploads, ...pastes].filter((e) => isSignificantLineage(input.lineage.get(e.id)));
  addFactor(drafts, 'lineage_match', lineaged, (e) => weigh(e, p.lineageBase + p.lineagePerShare * input.lineage.get(e.id)!.share), () => {
    const best = Math.max(...lineaged.map((e) => input.lineage.get(e.id)!.share));
    const matched = lineaged.reduce((s, e) => s + input.lineage.get(e.id)!.matched, 0);
    return `Sent ${fmt(matched)} contacts seen in the CRM to personal destinations (up to ${Math.round(best * 100)}% of a file's contacts).`;
  }, lineaged.flatMap((e) => input.lineage.get(e.id)!.sourceEventIds));

  if (departure?.lastDay !== undefined) {
    const after = inWindow.filter((e) => e.type !== 'agent.heartbeat' && Date.parse(e.occurredAt) > departure.lastDay! + DAY_MS);
    addFactor(drafts, 'after_last_working_day', after, () => p.afterLastWorkingDay, () =>
      `${plural(after.length, 'action')} after the last working day.`);
  }

  const raw = drafts.reduce((sum, d) => sum + d.raw, 0);
  const score = round1(100 * (1 - Math.exp(-raw / model.saturation)));
  const factors: RiskFactor[] = drafts
    .filter((d) => d.raw > 0)
    .sort((a, b) => b.raw - a.raw)
    .map((d) => ({ id: d.id, points: round1((score * d.raw) / raw), summary: d.describe(), eventIds: d.eventIds }));
  if (departure) {
    factors.push({ id: 'departure_window', points: 0, summary: departure.summary, eventIds: [] });
  }
  return { employee: input.employee, score, level: levelFor(score), factors, updatedAt: input.now.toISOString() };
}

function addFactor<E extends Event>(drafts: FactorDraft[], id: string, events: E[], points: (e: E) => number, describe: () => string, extraIds: string[] = []) {
  if (events.length === 0) return;
  const raw = events.reduce((sum, e) => sum + points(e), 0);
  drafts.push({ id, raw, eventIds: [...new Set([...events.map((e) => e.id), ...extraIds])], describe });
}

interface DepartureWindow {
  from: number;
  lastDay?: number;
  summary: string;
}

/** A resignation or termination opens a window that reaches back `departureLookbackDays` before it. */
function departureWindow(signals: readonly HrSignalInput[], model: RiskModel): DepartureWindow | undefined {
  const notice = signals.filter((s) => s.kind !== 'last_working_day').map((s) => Date.parse(s.effectiveDate)).sort((a, b) => a - b)[0];
  const lastDay = signals.filter((s) => s.kind === 'last_working_day' || s.kind === 'termination').map((s) => Date.parse(s.effectiveDate)).sort((a, b) => a - b)[0];
  const anchor = notice ?? lastDay;
  if (anchor === undefined) return undefined;
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    from: anchor - model.departureLookbackDays * DAY_MS,
    lastDay,
    summary: `Departure window: ${notice !== undefined ? `notice on ${date(notice)}` : ''}${notice !== undefined && lastDay !== undefined ? ', ' : ''}${lastDay !== undefined ? `last working day ${date(lastDay)}` : ''}; activity since ${date(anchor - model.departureLookbackDays * DAY_MS)} weighs ${model.departureBoost}×.`,
  };
}

function contacts(e: { emailCount: number; phoneCount: number }) {
  return Math.max(e.emailCount, e.phoneCount);
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

function fmt(n: number) {
  return n.toLocaleString('en-US');
}

function round1(n: number) {
  return Math.round(n * 10) / 10;
}
