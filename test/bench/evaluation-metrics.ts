import type { EvaluationOrg } from './evaluation-org';

/** Each employee's score at the end of each scored day (index 0 = `days[0]`); undefined before their first activity. */
export interface DailyScores {
  days: string[];
  byEmployee: Map<string, (number | undefined)[]>;
}

export interface SeedReport {
  seed: number;
  people: number;
  weeks: number;
  leakers: number;
  caught: number;
  medianDaysAhead: number;
  byStyle: Record<string, { leakers: number; caught: number; daysAhead: number[] }>;
  /**
   * Leaks that began on or after their notice day cannot be seen before it: how many, and how many of those
   * reached high within a week of the leak's start. Reported beside `caught`, which still counts them as missed.
   */
  startedAfterNotice: { leakers: number; caughtWithinWeek: number };
  missed: string[];
  falseAlertsPer100PerWeek: number;
  recallAtBudget: { recall: number; threshold: number };
  top10PrecisionOnNoticeDays: number;
  highByLabel: Record<'change_window' | 'new_hire' | 'resigner_clean' | 'innocent', number>;
  goalsMet: boolean;
  ingestSeconds: number;
  scoringSeconds: number;
}

/** High starts here (shared/risk.ts levels): what an analyst is paged for. */
const HIGH = 60;
/** The alert budget: high alerts per 100 employees per week. */
const BUDGET = 1;

/**
 * The figures the issue asks for, from daily scores and the truth:
 * - caught: high or critical on a day from the leak's start to the day before the notice; days ahead = notice − that day;
 *   a leak that starts on or after its notice day is missed by that definition, and is also reported on its own;
 * - recall at the budget: the lowest score threshold (60 or above) at which non-leakers cross it upward at most
 *   once per 100 employees per week, and the share of leakers who cross it between leak start and notice;
 * - precision of the top 10 on each leaker's notice day: leakers among the ten highest scores, averaged;
 * - who of the innocent classes ever reached high.
 */
export function summarise(org: EvaluationOrg, scores: DailyScores, falseHighAlerts: number, run: { seed: number; ingestSeconds: number; scoringSeconds: number }): SeedReport {
  const weeks = scores.days.length / 7;
  const series = (email: string) => scores.byEmployee.get(email) ?? [];
  const dayIndex = (date: string) => scores.days.indexOf(date);
  const leakers = org.truth.filter((t) => t.label === 'leaker');
  const nonLeakers = org.truth.filter((t) => t.label !== 'leaker');

  const byStyle: SeedReport['byStyle'] = {};
  const missed: string[] = [];
  const ahead: number[] = [];
  const firstAtOrAbove = (email: string, threshold: number, from: string, until: string) => {
    const s = series(email);
    for (let i = 0; i < scores.days.length; i++) if (scores.days[i]! >= from && scores.days[i]! < until && (s[i] ?? 0) >= threshold) return i;
    return -1;
  };
  const startedAfterNotice = { leakers: 0, caughtWithinWeek: 0 };
  for (const t of leakers) {
    if (t.leakStart && t.noticeDate && t.leakStart >= t.noticeDate) {
      startedAfterNotice.leakers++;
      const weekLater = new Date(Date.parse(t.leakStart) + 7 * 86_400_000).toISOString().slice(0, 10);
      if (firstAtOrAbove(t.email, HIGH, t.leakStart, weekLater) >= 0) startedAfterNotice.caughtWithinWeek++;
    }
    const style = (byStyle[t.style ?? 'unnamed'] ??= { leakers: 0, caught: 0, daysAhead: [] });
    style.leakers++;
    const first = firstAtOrAbove(t.email, HIGH, t.leakStart ?? scores.days[0]!, t.noticeDate ?? '9999');
    if (first >= 0) {
      style.caught++;
      const days = Math.round((Date.parse(t.noticeDate ?? scores.days.at(-1)!) - Date.parse(scores.days[first]!)) / 86_400_000);
      style.daysAhead.push(days);
      ahead.push(days);
    } else {
      // The peak before the notice is what was missed by; the one after it is what the notice's look-back found.
      const s = series(t.email);
      const peakOf = (keep: (day: string) => boolean) => Math.max(0, ...s.filter((x, i): x is number => x !== undefined && keep(scores.days[i]!)));
      const notice = t.noticeDate ?? '9999';
      missed.push(`${t.email} (${t.style}, leak from ${t.leakStart}, notice ${t.noticeDate}, highest score ${peakOf((d) => d < notice)} before the notice, ${peakOf((d) => d >= notice)} from it on)`);
    }
  }

  // Upward crossings of a threshold by non-leakers: each is one alert an analyst opens.
  const crossings = (threshold: number) => {
    let n = 0;
    for (const t of nonLeakers) {
      const s = series(t.email);
      for (let i = 0; i < scores.days.length; i++) if ((s[i] ?? 0) >= threshold && (i === 0 || (s[i - 1] ?? 0) < threshold)) n++;
    }
    return n;
  };
  const perWeekPer100 = (n: number) => n / (Math.max(1, nonLeakers.length) / 100) / weeks;
  let threshold = HIGH;
  while (threshold < 100 && perWeekPer100(crossings(threshold)) > BUDGET) threshold++;
  const recalled = leakers.filter((t) => firstAtOrAbove(t.email, threshold, t.leakStart ?? scores.days[0]!, t.noticeDate ?? '9999') >= 0).length;

  const noticeDays = [...new Set(leakers.map((t) => t.noticeDate).filter((d): d is string => d !== undefined && dayIndex(d) >= 0))];
  const leakerSet = new Set(leakers.map((t) => t.email));
  const precisions = noticeDays.map((day) => {
    const i = dayIndex(day);
    const top = [...scores.byEmployee].map(([email, s]) => ({ email, score: s[i] ?? 0 })).sort((a, b) => b.score - a.score).slice(0, 10);
    return top.filter((x) => leakerSet.has(x.email) && x.score > 0).length / 10;
  });

  const everHigh = (email: string) => series(email).some((x) => (x ?? 0) >= HIGH);
  const highByLabel = { change_window: 0, new_hire: 0, resigner_clean: 0, innocent: 0 };
  for (const t of nonLeakers) if (t.label !== 'leaker' && everHigh(t.email)) highByLabel[t.label]++;

  const falseAlertsPer100PerWeek = perWeekPer100(falseHighAlerts);
  const caught = ahead.length;
  return {
    seed: run.seed,
    people: org.people.length,
    weeks,
    leakers: leakers.length,
    caught,
    medianDaysAhead: [...ahead].sort((a, b) => a - b)[ahead.length >> 1] ?? 0,
    byStyle,
    startedAfterNotice,
    missed,
    falseAlertsPer100PerWeek,
    recallAtBudget: { recall: leakers.length ? recalled / leakers.length : 1, threshold },
    top10PrecisionOnNoticeDays: precisions.length ? precisions.reduce((a, b) => a + b, 0) / precisions.length : 0,
    highByLabel,
    goalsMet: caught === leakers.length && falseAlertsPer100PerWeek <= BUDGET && highByLabel.change_window === 0 && highByLabel.new_hire === 0 && highByLabel.resigner_clean === 0,
    ingestSeconds: run.ingestSeconds,
    scoringSeconds: run.scoringSeconds,
  };
}
