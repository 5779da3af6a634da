import type { Event } from '../../shared/events';
import type { AlertSeverity } from '../../shared/api';
import type { EmployeeRisk } from '../../shared/risk';
import { distinctContacts, isSignificantLineage, type LineageMatch } from './lineage';
import { findSequences } from './sequences';
import { printedPdfUploads } from './print-channel';
import { RISK_MODEL, type RiskModel } from './model';
import { carriesCrmData } from './score';

export type AlertPattern = 'departure_risk' | 'collection_then_exfiltration' | 'crm_contacts_exfiltrated' | 'cumulative_exfiltration';

/** What the evidence supports now; the store merges it into the one open alert per employee and pattern. */
export interface AlertCandidate {
  pattern: AlertPattern;
  severity: AlertSeverity;
  title: string;
  /** Every event behind the alert. */
  eventIds: string[];
  /** The events that raise it; a closed alert is not reopened for triggers it already covered. */
  triggerIds: string[];
  details: Record<string, unknown>;
}

/**
 * Alerts from specific detections (lineage, collection-then-exfiltration with data, cumulative
 * exfiltration) and from the score crossing into `high` or `critical`.
 */
export function detectAlerts(
  risk: EmployeeRisk,
  notable: readonly Event[],
  lineage: ReadonlyMap<string, LineageMatch>,
  sequenceWindowHours: number,
  model: RiskModel = RISK_MODEL,
): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  const factor = (id: string) => risk.factors.find((f) => f.id === id);

  if (risk.level === 'high' || risk.level === 'critical') {
    const behind = risk.factors.filter((f) => f.points > 0);
    candidates.push({
      pattern: 'departure_risk',
      severity: risk.level,
      title: `Departure risk ${risk.level} (${Math.round(risk.score)}): ${behind[0]?.summary ?? ''}`,
      eventIds: unique(behind.flatMap((f) => f.eventIds)),
      // The level is a trigger too: a dismissed `high` comes back when it turns `critical`, even without new events.
      triggerIds: unique([...behind.flatMap((f) => f.eventIds), `level:${risk.level}`]),
      details: { score: risk.score, factors: behind.map((f) => ({ id: f.id, points: f.points, summary: f.summary })) },
    });
  }

  // An exfiltration with CRM lineage is the stronger `crm_contacts_exfiltrated` alert; one incident, one alert.
  const printedPdfs = printedPdfUploads(notable, sequenceWindowHours);
  const carriesData = (e: Event) => (carriesCrmData(e, lineage, model) || printedPdfs.has(e.id)) && !isSignificantLineage(lineage.get(e.id));
  const sequences = findSequences(notable, sequenceWindowHours, carriesData).filter((s) => s.exfiltration.type !== 'crm.print');
  if (sequences.length > 0) {
    candidates.push({
      pattern: 'collection_then_exfiltration',
      severity: 'high',
      title: `CRM data collected, then sent to a personal destination within ${sequenceWindowHours} h`,
      eventIds: unique(sequences.flatMap((s) => [...s.collection.map((c) => c.id), s.exfiltration.id])),
      triggerIds: sequences.map((s) => s.exfiltration.id),
      details: { sequences: sequences.length, destinations: unique(sequences.map((s) => destinationOf(s.exfiltration))) },
    });
  }

  const matches = notable
    .map((e) => ({ event: e, match: lineage.get(e.id) }))
    .filter((m): m is { event: Event; match: LineageMatch } => isSignificantLineage(m.match));
  if (matches.length > 0) {
    const best = matches.reduce((a, b) => (b.match.matched > a.match.matched ? b : a));
    // Distinct contacts: an upload, a paste and a re-upload of the same 48 are 48 contacts in 3 acts.
    const matched = distinctContacts(matches.map((m) => m.match));
    const destinations = unique(matches.map((m) => destinationOf(m.event)));
    const acts = matches.length === 1 ? '' : ` in ${matches.length} uploads and pastes`;
    candidates.push({
      pattern: 'crm_contacts_exfiltrated',
      severity: matched >= 20 ? 'critical' : 'high',
      title: `${matched} CRM contacts sent to ${destinations.join(', ')}${acts} (${Math.round(best.match.share * 100)}% of the largest upload)`,
      eventIds: unique(matches.flatMap((m) => [...m.match.sourceEventIds, m.event.id])),
      triggerIds: matches.map((m) => m.event.id),
      details: {
        share: best.match.share,
        matchedContacts: best.match.matched,
        contactsInUpload: best.match.total,
        totalMatchedContacts: matched,
        acts: matches.length,
        destinations,
        // Without the fingerprints: the evidence says how many, never which.
        uploads: matches.map(({ event, match: { matchedFingerprints: _, ...match } }) => ({ eventId: event.id, ...match })),
      },
    });
  }

  // Slow theft is its own alert only when it is slow: spread over three days or more. In one go it is
  // the lineage or sequence incident already raised.
  const cumulative = factor('cumulative_exfiltration');
  const byId = new Map(notable.map((e) => [e.id, e]));
  const spread = new Set((cumulative?.eventIds ?? []).map((id) => byId.get(id)?.occurredAt.slice(0, 10)).filter(Boolean)).size;
  if (cumulative && spread >= 3) {
    candidates.push({
      pattern: 'cumulative_exfiltration',
      severity: 'high',
      title: cumulative.summary,
      eventIds: cumulative.eventIds,
      triggerIds: cumulative.eventIds,
      details: { points: cumulative.points },
    });
  }
  return candidates;
}

function destinationOf(e: Event): string {
  return 'destination' in e ? e.destination : e.origin;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
