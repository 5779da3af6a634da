import type { RiskFactor } from '../../shared/risk';
import { addDays } from './days';
import { COLLECTION_INDICATORS } from './departure';
import type { DailyActivity, Indicator } from './indicators';
import type { RiskModel } from './model';
import type { PeerContext } from './peers';

/** A new starter's first weeks, days inclusive. */
export interface Onboarding {
  from: string;
  until: string;
}

/**
 * Someone whose first active day came `onboardingAfterGroupDays` or more after their peer group's first was
 * hired (or came back from a long leave) after the extension was in use. Their first `onboardingDays` are
 * spent taking over a territory: exporting the inherited book, reading up on its accounts. No own usual exists
 * yet and the peers' month is a settled one, not a newcomer's, so that collection cannot be judged. At the
 * extension's first rollout everyone starts together and nobody is new.
 */
export function onboardingOf(daily: readonly DailyActivity[], peers: PeerContext | undefined, model: RiskModel): Onboarding | undefined {
  if (!peers?.firstDay || model.onboardingDays <= 0 || daily.length === 0) return undefined;
  const first = daily.reduce((min, d) => (d.day < min ? d.day : min), daily[0]!.day);
  if (first < addDays(peers.firstDay, model.onboardingAfterGroupDays)) return undefined;
  return { from: first, until: addDays(first, model.onboardingDays - 1) };
}

/**
 * The onboarding days without their collection (exports, copies, records opened): neither scored nor part of
 * the person's usual later. Everything that says where data went (uploads, pastes, lineage, sequences, printed
 * PDFs) stays and counts in full. `windowFrom` is the scoring window's first day: the factor that says so
 * appears while onboarding days are in it.
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
  return {
    daily: kept,
    factor: {
      id: 'onboarding',
      points: 0,
      summary: `New starter, first active on ${onboarding.from}: exports, copies and records opened until ${onboarding.until} are taking over a territory and do not raise departure risk; uploads, pastes and prints still count.`,
      eventIds: [],
    },
  };
}
