import type { RiskOverrides } from '../../shared/policy';
import type { Indicator } from './indicators';

/**
 * The tunable constants of the risk model, with their documented defaults (docs/risk-model.md). An
 * administrator may override any of them through the policy (`PUT /v1/policy` → `risk`).
 */
export const RISK_MODEL = {
  /** Activity this recent is scored. */
  windowDays: 30,
  /** The employee's own baseline: for each day, the this-many days before it. */
  baselineDays: 90,
  /** A day's weight halves every `halfLifeDays`. */
  halfLifeDays: 7,
  /** Raw points map to 0–100 by 100·(1 − e^(−raw / saturation)): ordering kept, 100 never reached. */
  saturation: 50,
  /**
   * Fewer active baseline days than this and the employee's own baseline is not trusted (new hires): peers
   * decide. Ten, not five: a five-day leak must not be enough history to become someone's usual.
   */
  minBaselineDays: 10,
  /**
   * Per indicator: `weight` (points per doubling above the usual ceiling), `floor` (the smallest volume
   * ever called unusual, so a first tiny export is not infinite times the usual nothing), and `presence`
   * (points a day earns just for the activity, for the ones that are never routine).
   */
  indicators: {
    export_rows: { weight: 6, floor: 200, presence: 0 },
    exports: { weight: 0, floor: 1, presence: 0 },
    copy_contacts: { weight: 5, floor: 25, presence: 0 },
    record_views: { weight: 6, floor: 60, presence: 0 },
    prints: { weight: 4, floor: 3, presence: 0 },
    uploads: { weight: 1, floor: 2, presence: 0.5 },
    upload_contacts: { weight: 5, floor: 10, presence: 4 },
    paste_contacts: { weight: 5, floor: 10, presence: 4 },
    after_hours: { weight: 2, floor: 2, presence: 0 },
    heartbeats: { weight: 0, floor: 1, presence: 0 },
    // Scored on their own, with the reasons given (over-limit-views.ts), not by the per-indicator loop. Many
    // opens past the limit in a day, above one's own and the peers' usual, is what collecting looks like; a
    // single one earns only a little presence (which fades where the peers re-open records routinely).
    over_limit_views: { weight: 5, floor: 1, presence: 0.5 },
    over_limit_reasons: { weight: 0, floor: 1, presence: 0 },
  } satisfies Record<Indicator, IndicatorWeights> as Record<Indicator, IndicatorWeights>,
  /**
   * Above both the employee's usual and the peers' usual, a day's anomaly is the smaller of the two;
   * above only the employee's own usual (still normal for the role), `oneSidedShare` of it.
   */
  oneSidedShare: 0.2,
  /**
   * Doublings above the usual ceiling that still count as ordinary fluctuation: a heavy user's good day
   * is two or three times the median, a leaker's is ten or more.
   */
  deadZone: 1,
  /** Inside a departure window only this much of a doubling is forgiven: sustained growth while leaving counts. */
  departureDeadZone: 0.4,
  /**
   * Collection over the whole window (export and copy rows; separately, the number of exports) against the
   * employee's own usual for as many days and the peers' 95th percentile: volume that never stands out on
   * any single day but adds up to a whole book of business. Points per doubling above, after the dead zone.
   */
  cumulativeCollectionPerDoubling: 18,
  cumulativeCollectionRowsFloor: 1000,
  cumulativeCollectionExportsFloor: 6,
  /**
   * An open beyond the record-view limit with a reason given weighs this share of one without: the reason
   * is an explanation, recorded for security to judge, not a pardon.
   */
  overLimitReasonedShare: 0.5,
  /**
   * A burst of collection (collection-burst.ts): the busiest `collectionBurstDays` days before any notice
   * against the person's busiest as many days of the 90 before and the peers' 95th percentile of theirs.
   * Points per doubling above both; never under `collectionBurstFloor` rows; only with
   * `collectionBurstMinHistoryDays` of history before the run's first day: a calendar month, so the own ceiling
   * holds the person's own monthly peak (a report, a close), which the peers' weeks hold only when the whole role
   * has it. At 22 a fresh week 3.6× the larger ceiling is high by itself: a book taken weeks before a notice has
   * nothing else to show.
   */
  collectionBurstPerDoubling: 22,
  collectionBurstDays: 7,
  collectionBurstFloor: 500,
  collectionBurstMinHistoryDays: 30,
  /**
   * A new starter (onboarding.ts): someone whose first active day came `onboardingAfterGroupDays` or more after
   * their peer group's first has their first `onboardingDays` of collection set aside (taking over a territory).
   */
  onboardingDays: 30,
  onboardingAfterGroupDays: 14,
  /**
   * A territory is bounded: onboarding ends early on the day the newcomer's collection passes this many times
   * what 95% of the peers collect in a window (never under `cumulativeCollectionRowsFloor`); from then on it is judged.
   */
  onboardingAllowance: 8,
  /** Doublings above a window total's ceiling still forgiven (less than a day's: the ceiling of a sum already holds its spread). */
  cumulativeCollectionDeadZone: 0.5,
  /**
   * Steady growth against one's own usual (sustained-growth.ts): the days at work of the last 21 or 28 days
   * beating the busiest quarter of the 90 days before more often than chance allows (a two-proportion z of at
   * least `sustainedGrowthMinZ`: one-sided p ≈ 3·10⁻⁵: about two chance runs a year per thousand people scored
   * daily), their mean at least `sustainedGrowthMinRatio` times the usual; points per doubling of the mean.
   */
  sustainedGrowthPerDoubling: 36,
  sustainedGrowthRuns: [21, 28] as number[],
  sustainedGrowthMinZ: 4,
  sustainedGrowthMinMeasureZ: 2,
  sustainedGrowthMinRatio: 1.5,
  sustainedGrowthMinRunDays: 12,
  sustainedGrowthMinBaselineDays: 20,
  sustainedGrowthMinHistoryDays: 42,
  /** Collection followed by exfiltration within the policy's sequence window. */
  sequencePoints: 20,
  /** Lineage: base points plus points per share of the upload's contacts that came from the CRM. */
  lineageBase: 15,
  lineagePerShare: 35,
  /**
   * One day of sending fewer than `loneExfiltrationContacts` CRM contacts out, with no other day of it in the
   * window, weighs `loneExfiltrationShare` in the lineage and sequence factors: a forwarded handful once is a
   * conversation about policy, not a departure; it weighs in full from the second day on.
   */
  loneExfiltrationContacts: 50,
  loneExfiltrationShare: 0.5,
  /** Cumulative contacts sent to personal destinations over the window, above the peers' 95th percentile. */
  cumulativePerDoubling: 8,
  cumulativeFloor: 50,
  /** A resignation notice re-weighs activity from this many days before it, by `departureBoost`. */
  departureLookbackDays: 90,
  departureBoost: 1.5,
  /** Inside the departure window a day's weight halves only every this many days. */
  departureHalfLifeDays: 30,
  /** 85 raw points alone map to 82: any action after the last working day is critical by itself. */
  afterLastWorkingDay: 85,
  /** An upload "holds contacts" from this many e-mail addresses. */
  uploadContactsMin: 5,
  /** Gaps in heartbeats longer than this (hours) while the employee is active count as coverage gaps. */
  coverageGapHours: 72,
  coverageGapPoints: 3,
};

export interface IndicatorWeights {
  weight: number;
  floor: number;
  presence: number;
}

export type RiskModel = typeof RISK_MODEL;

/** The defaults with an administrator's overrides applied (indicator weights merge per field). */
export function modelWith(overrides: RiskOverrides = {}): RiskModel {
  const { indicators, ...rest } = overrides;
  const merged = { ...RISK_MODEL, ...rest, indicators: { ...RISK_MODEL.indicators } };
  for (const [name, weights] of Object.entries(indicators ?? {}) as [Indicator, Partial<IndicatorWeights>][]) {
    merged.indicators[name] = { ...merged.indicators[name], ...weights };
  }
  return merged;
}
