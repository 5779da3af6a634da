import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './days';

describe('isCalendarDate', () => {
  it('takes the days that exist, leap days included', () => {
    for (const day of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31']) expect(isCalendarDate(day), day).toBe(true);
  });

  it('refuses the days V8 would roll over, and anything that is not YYYY-MM-DD', () => {
    for (const day of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-05T00:00', ' 2026-01-05', '']) {
      expect(isCalendarDate(day), day).toBe(false);
    }
  });
});
