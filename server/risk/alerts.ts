import type { Event } from '../../shared/events';
import type { AlertSeverity } from '../../shared/api';
import { isSignificantLineage, type LineageMatch } from './lineage';
import { findSequences } from './sequences';

export type AlertPattern = 'collection_then_exfiltration' | 'crm_contacts_exfiltrated';

/** What the evidence supports now; the store merges it into the one open alert per employee and pattern. */
export interface AlertCandidate {
  pattern: AlertPattern;
  severity: AlertSeverity;
  title: string;
  /** Every event behind the alert: collection first, then exfiltration. */
  eventIds: string[];
  /** The exfiltration events; an alert is only (re)opened for exfiltrations no closed alert covered. */
  triggerIds: string[];
  details: Record<string, unknown>;
}

export function detectAlerts(
  events: readonly Event[],
  lineage: ReadonlyMap<string, LineageMatch>,
  sequenceWindowHours: number,
): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];

  const sequences = findSequences(events, sequenceWindowHours);
  if (sequences.length > 0) {
    candidates.push({
      pattern: 'collection_then_exfiltration',
      severity: 'high',
      title: `CRM data collected, then sent to a personal destination within ${sequenceWindowHours} h`,
      eventIds: unique(sequences.flatMap((s) => [...s.collection.map((c) => c.id), s.exfiltration.id])),
      triggerIds: sequences.map((s) => s.exfiltration.id),
      details: {
        sequences: sequences.length,
        destinations: unique(sequences.map((s) => destinationOf(s.exfiltration))),
      },
    });
  }

  const matches = events
    .map((e) => ({ event: e, match: lineage.get(e.id) }))
    .filter((m): m is { event: Event; match: LineageMatch } => isSignificantLineage(m.match));
  if (matches.length > 0) {
    const best = matches.reduce((a, b) => (b.match.share > a.match.share ? b : a));
    candidates.push({
      pattern: 'crm_contacts_exfiltrated',
      severity: 'critical',
      title: `An upload to ${destinationOf(best.event)} carries ${Math.round(best.match.share * 100)}% CRM contacts`,
      eventIds: unique(matches.flatMap((m) => [...m.match.sourceEventIds, m.event.id])),
      triggerIds: matches.map((m) => m.event.id),
      details: {
        share: best.match.share,
        matchedContacts: best.match.matched,
        contactsInUpload: best.match.total,
        destinations: unique(matches.map((m) => destinationOf(m.event))),
        uploads: matches.map((m) => ({ eventId: m.event.id, ...m.match })),
      },
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
