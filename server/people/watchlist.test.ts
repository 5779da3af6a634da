import { describe, expect, it } from 'vitest';
import type { HrSignalRecord } from '../store/store';
import { departing } from './watchlist';

const signal = (employee: string, kind: HrSignalRecord['kind'], effectiveDate: string): HrSignalRecord =>
  ({ id: `${employee}-${kind}-${effectiveDate}`, employee, kind, effectiveDate, source: 'test', createdAt: '2026-11-01T00:00:00Z' });

describe('departing', () => {
  const today = '2026-11-02';
  it('lists notices and last days in the window, soonest last day first', () => {
    const signals = new Map([
      ['ann', [signal('ann', 'resignation_notice', '2026-10-20'), signal('ann', 'last_working_day', '2026-11-30')]],
      ['bob', [signal('bob', 'termination', '2026-11-05')]],
      ['cy', [signal('cy', 'resignation_notice', '2026-11-01')]],
      ['old', [signal('old', 'last_working_day', '2026-08-01')]],
      ['far', [signal('far', 'last_working_day', '2027-06-01')]],
    ]);
    expect(departing(signals, today)).toEqual([
      { employee: 'bob', notice: '2026-11-05', lastDay: '2026-11-05', daysLeft: 3 },
      { employee: 'ann', notice: '2026-10-20', lastDay: '2026-11-30', daysLeft: 28 },
      { employee: 'cy', notice: '2026-11-01', lastDay: undefined, daysLeft: undefined },
    ]);
  });

  it('keeps someone who left within the last 30 days, with the days past as negative', () => {
    expect(departing(new Map([['dee', [signal('dee', 'last_working_day', '2026-10-20')]]]), today)).toEqual([{ employee: 'dee', notice: undefined, lastDay: '2026-10-20', daysLeft: -13 }]);
  });
});
