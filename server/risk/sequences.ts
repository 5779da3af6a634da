import { COLLECTION_TYPES, EXFILTRATION_TYPES, type Event } from '../../shared/events';

export interface Sequence {
  /** The personal upload or paste. */
  exfiltration: Event;
  /** The CRM exports and copies in the window before it. */
  collection: Event[];
}

const COLLECTING: readonly string[] = COLLECTION_TYPES.filter((t) => t === 'crm.export' || t === 'crm.copy');
const EXFILTRATING: readonly string[] = EXFILTRATION_TYPES;

/** Each exfiltration preceded, within `windowHours`, by at least one CRM export or copy of the same employee. */
export function findSequences(events: readonly Event[], windowHours: number): Sequence[] {
  const windowMs = windowHours * 3_600_000;
  const collections = events.filter((e) => COLLECTING.includes(e.type));
  const sequences: Sequence[] = [];
  for (const exfiltration of events) {
    if (!EXFILTRATING.includes(exfiltration.type)) continue;
    const at = Date.parse(exfiltration.occurredAt);
    const collection = collections.filter((c) => {
      const gap = at - Date.parse(c.occurredAt);
      return gap >= 0 && gap <= windowMs;
    });
    if (collection.length > 0) sequences.push({ exfiltration, collection });
  }
  return sequences;
}
