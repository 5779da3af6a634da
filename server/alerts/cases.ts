import type { AlertSeverity } from '../../shared/api';
import type { AlertCandidate, AlertPattern } from '../risk/alerts';
import type { AlertReason, AlertUpsert } from '../store/store';

/** Which pattern names the case when several hold: the most specific first, the score last. */
const LEAD: readonly AlertPattern[] = ['crm_contacts_exfiltrated', 'collection_then_exfiltration', 'cumulative_exfiltration', 'departure_risk'];
const SEVERITY: readonly AlertSeverity[] = ['low', 'medium', 'high', 'critical'];

/**
 * One case from everything the evidence supports about a person now: the departure-risk score and the
 * exfiltration patterns rest on the same events (the score is high *because* of the upload), so they are
 * reasons inside one alert rather than two alerts an analyst triages twice. The case is named after its
 * most specific pattern, takes the highest severity, and its details are the lead pattern's (so its
 * title, lineage panel and evidence agree) with the score's factors beside them. Pure.
 */
export function caseOf(employee: string, candidates: readonly AlertCandidate[], score: number): AlertUpsert | undefined {
  if (candidates.length === 0) return undefined;
  const ordered = [...candidates].sort((a, b) => LEAD.indexOf(a.pattern) - LEAD.indexOf(b.pattern));
  const lead = ordered[0]!;
  const departure = candidates.find((c) => c.pattern === 'departure_risk');
  const severity = SEVERITY[Math.max(...candidates.map((c) => SEVERITY.indexOf(c.severity)))]!;
  const patterns: AlertReason[] = ordered.map((c) => ({ pattern: c.pattern, severity: c.severity, title: c.title }));
  const title = departure && lead !== departure ? `${lead.title}; departure risk ${departure.severity} (${Math.round(score)})` : lead.title;
  // Later entries win: the lead pattern's figures are the ones its title states.
  const details = Object.assign({}, ...[...ordered].reverse().map((c) => c.details), { patterns }) as Record<string, unknown>;
  return {
    employee,
    pattern: lead.pattern,
    patterns: ordered.map((c) => c.pattern),
    score,
    severity,
    title,
    eventIds: [...new Set(ordered.flatMap((c) => c.eventIds))],
    triggerIds: [...new Set(ordered.flatMap((c) => c.triggerIds))],
    details,
  };
}

