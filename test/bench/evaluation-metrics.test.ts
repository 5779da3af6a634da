import { describe, expect, it } from 'vitest';
import type { EvaluationOrg } from './evaluation-org';
import { summarise, type DailyScores } from './evaluation-metrics';

const days = ['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-04', '2026-09-05', '2026-09-06', '2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10'];
const org = (truth: EvaluationOrg['truth']): EvaluationOrg => ({
  start: '2026-08-01T00:00:00.000Z', days: 40, people: truth.map((t) => ({ email: t.email, department: 'Sales', jobTitle: 'Account executive', timeZone: 'UTC' })),
  events: [], hrSignals: [], changeWindows: [], truth,
});
const run = { seed: 1, ingestSeconds: 0, scoringSeconds: 0 };

describe('evaluation metrics', () => {
  it('counts a leaker high between the leak\'s start and the day before the notice as caught, with days ahead', () => {
    const scores: DailyScores = { days, byEmployee: new Map([['a@x', [0, 0, 70, 80, 90, 90, 90, 90, 90, 90]]]) };
    const report = summarise(org([{ email: 'a@x', label: 'leaker', style: 'burst', leakStart: '2026-09-02', noticeDate: '2026-09-06' }]), scores, 0, run);
    expect(report.caught).toBe(1);
    expect(report.byStyle.burst!.daysAhead).toEqual([3]);
  });

  it('reports a leak that began after its notice on its own: missed before the notice, caught within a week of its start', () => {
    const scores: DailyScores = { days, byEmployee: new Map([['a@x', [0, 0, 0, 0, 0, 0, 65, 90, 90, 90]], ['b@x', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]]) };
    const report = summarise(org([
      { email: 'a@x', label: 'leaker', style: 'classic_bulk', leakStart: '2026-09-05', noticeDate: '2026-09-03' },
      { email: 'b@x', label: 'leaker', style: 'classic_bulk', leakStart: '2026-09-04', noticeDate: '2026-09-04' },
    ]), scores, 0, run);
    expect(report.caught).toBe(0);
    expect(report.missed).toHaveLength(2);
    expect(report.startedAfterNotice).toEqual({ leakers: 2, caughtWithinWeek: 1 });
  });

  it('names a miss by its highest score before the notice, and apart from it what came after', () => {
    const scores: DailyScores = { days, byEmployee: new Map([['a@x', [0, 20, 58.9, 40, 30, 98, 99, 90, 80, 70]]]) };
    const report = summarise(org([{ email: 'a@x', label: 'leaker', style: 'collect_then_take', leakStart: '2026-09-02', noticeDate: '2026-09-06' }]), scores, 0, run);
    expect(report.missed).toEqual(['a@x (collect_then_take, leak from 2026-09-02, notice 2026-09-06, highest score 58.9 before the notice, 99 from it on)']);
  });
});
