import type { RiskFactor } from '../../shared/risk';
import { addDays, isoDay, windowStart } from './days';
import { COLLECTION_INDICATORS } from './departure';
import { fmt } from './explain';
import type { DailyActivity, Indicator } from './indicators';
import type { RiskModel } from './model';
import { atQuantile, collectedRows, firstActiveDay, groupStart, hireKnownBy, startAfterHire, type PeerContext } from './peers';

/** A new starter's first weeks, days inclusive. */
export interface Onboarding {
  from: string;
  until: string;
  /** Set when it ended early: the collection that passed the allowance, and the allowance. */
  endedAt?: { collected: number; allowance: number };
}

/**
 * A new starter's first `onboardingDays`, spent taking over a territory: exporting the inherited book, reading up
 * on its accounts. No own usual exists yet and the peers' month is a settled one, not a newcomer's, so that
 * collection cannot be judged. With a hire date from HR (`hiredOn`) it says who is new, whenever the extension
 * arrived: a first month runs from the first active day if that came within a month of the hire
 * (`startAfterHire`), and someone hired long before is settled, whatever their first active day. Without one,
 * the first active day tells: someone who came `onboardingAfterGroupDays` or more after their peer group's
 * first was hired (or came back from a long leave) after the extension was in use; at its first
 * rollout everyone starts together and nobody is new. A territory is bounded: onboarding ends on the day
 * collection passes `onboardingAllowance` times what 95% of the peers collect in a window.
 */
export function onboardingOf(
  daily: readonly DailyActivity[], peers: PeerContext | undefined, now: Date, model: RiskModel, counted: readonly DailyActivity[] = daily, hiredOn?: string,
): Onboarding | undefined {
  if (model.onboardingDays <= 0) return undefined;
  const today = isoDay(now);
  // The first day from all of the person's days (a declared change window is not a late start); the allowance
  // from `counted`, the days scoring reads (declared planned work is no territory), up to `now` only.
  const hire = hireKnownBy(hiredOn, today);
  const first = hire !== undefined ? startAfterHire(firstActiveDay(daily, today), hire, model) : inferredStart(daily, peers, now, model);
  if (first === undefined) return undefined;
  const until = addDays(first, model.onboardingDays - 1);
  const allowance = model.onboardingAllowance * Math.max(atQuantile(peers?.collectionSorted?.rows ?? [], 0.95), model.cumulativeCollectionRowsFloor);
  let collected = 0;
  for (const d of [...counted].filter((x) => x.day >= first && x.day <= until && x.day <= today).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
    collected += collectedRows(d.values);
    if (collected > allowance) return { from: first, until: addDays(d.day, -1), endedAt: { collected, allowance } };
  }
  return { from: first, until };
}

/** The first active day, when it came `onboardingAfterGroupDays` or more after the peer group's first. */
function inferredStart(daily: readonly DailyActivity[], peers: PeerContext | undefined, now: Date, model: RiskModel): string | undefined {
  if (!peers?.firstDay) return undefined;
  const first = firstActiveDay(daily, isoDay(now));
  if (first === undefined) return undefined;
  const groupFrom = groupStart(peers.firstDay, peers.rangeFrom, addDays(windowStart(now, model), -model.baselineDays));
  return first < addDays(groupFrom, model.onboardingAfterGroupDays) ? undefined : first;
}

/**
 * The onboarding days without their collection (exports, copies, records opened): neither scored nor part of
 * the person's usual later. Everything that says where data went (uploads, pastes, lineage, sequences after
 * exports, printed PDFs) stays and counts in full. `windowFrom` is the scoring window's first day: the factor
 * that says so appears while onboarding days are in it.
 */
export function setAsideOnboarding(daily: readonly DailyActivity[], onboarding: Onboarding | undefined, windowFrom: string): { daily: DailyActivity[]; factor?: RiskFactor } {
  if (!onboarding) return { daily: [...daily] };
  const inOnboarding = (day: string) => day >= onboarding.from && day <= onboarding.until;
  const kept = daily.map((d) => {
    if (!inOnboarding(d.day)) return d;
    const values = { ...d.values };
    for (const indicator of COLLECTION_INDICATORS) delete values[indicator as Indicator];
    return { ...d, values };
  });
  if (onboarding.until < windowFrom) return { daily: kept };
  const judgedFrom = addDays(onboarding.until, 1);
  const period = onboarding.until < onboarding.from ? 'are judged from the first day' : `until ${onboarding.until} are taking over a territory and do not raise departure risk`;
  const ended = onboarding.endedAt
    ? ` (${fmt(onboarding.endedAt.collected)} contacts collected by ${judgedFrom}, more than a territory's allowance of ${fmt(onboarding.endedAt.allowance)}: judged from that day on)`
    : '';
  return {
    daily: kept,
    factor: {
      id: 'onboarding',
      points: 0,
      summary: `New starter, first active on ${onboarding.from}: exports, copies and records opened ${period}${ended}; uploads, pastes and printed PDFs still count.`,
      eventIds: [],
    },
  };
}
