import { afterEach, describe, expect, it } from 'vitest';
import { ENROLL, testApp, type TestApp } from './harness';

describe('enrollment rate limits', () => {
  let t: TestApp;
  afterEach(async () => { await t.close(); });

  const enroll = (enrollmentToken: string, n: number) => t.request('/v1/enroll', { json: { enrollmentToken, employeeEmail: `e${n}@acme.test`, device: {} } });

  it('refuse an address guessing tokens with 429 and Retry-After, before looking at the token', async () => {
    t = await testApp(undefined, { enrollRateLimits: { perAddress: { burst: 5, perMinute: 1 }, perToken: { burst: 100, perMinute: 100 } } });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await enroll(`enr_guess${i}`, i)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await enroll(ENROLL, 7);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.any(String) } });
  });

  it('bound how many devices one enrollment token enrolls a minute', async () => {
    t = await testApp(undefined, { enrollRateLimits: { perAddress: { burst: 100, perMinute: 100 }, perToken: { burst: 3, perMinute: 1 } } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await enroll(ENROLL, i)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
