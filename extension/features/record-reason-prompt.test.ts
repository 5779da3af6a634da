import { describe, expect, it } from 'vitest';
import { reasonText } from './record-reason-prompt';

describe('reasonText', () => {
  it('says how often the record was opened, what is allowed, and what happens now', () => {
    expect(reasonText({ opens: 4, allowedOpens: 3, periodHours: 24 * 30, mode: 'warn' })).toBe(
      'You have opened this client record 4 times in 30 days; your company allows 3 views without a reason. Please say why you need it; your reason is recorded with this view.',
    );
    expect(reasonText({ opens: 2, allowedOpens: 1, periodHours: 1, mode: 'block' })).toBe(
      'You have opened this client record 2 times in 1 hour; your company allows 1 view without a reason. The record stays hidden until you say why you need it; your reason is recorded with this view.',
    );
  });
});
