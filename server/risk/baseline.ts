/**
 * Robust summaries of daily volumes: the median and the MAD (median absolute deviation) of the days on
 * which the activity happened, and how often it happened. Medians and MADs ignore the odd huge day that
 * a mean and standard deviation would chase; counting only active days keeps sparse activities
 * (a monthly export) from collapsing to a median of zero.
 */
export interface Baseline {
  median: number;
  mad: number;
  /** Active days ÷ days observed. */
  frequency: number;
  activeDays: number;
}

/** Consistency constant that makes the MAD estimate a standard deviation for normal data. */
const MAD_TO_SD = 1.4826;

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function baselineOf(activeValues: number[], daysObserved: number): Baseline {
  const m = median(activeValues);
  return {
    median: m,
    mad: median(activeValues.map((v) => Math.abs(v - m))),
    frequency: daysObserved > 0 ? activeValues.length / daysObserved : 0,
    activeDays: activeValues.length,
  };
}

/** The volume above which a day is unusual: median + 3 robust standard deviations. */
export function usualCeiling(b: Baseline): number {
  return b.median + 3 * MAD_TO_SD * b.mad;
}
