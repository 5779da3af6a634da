import { describe, expect, it } from 'vitest';
import { EventIdEnvelope } from './messaging';
import { uuidV4 } from './send-to-background';

describe('uuidV4', () => {
  it('makes ids the background accepts as event ids, all different', () => {
    const ids = Array.from({ length: 2_000 }, () => uuidV4());
    for (const eventId of ids) expect(EventIdEnvelope.safeParse({ eventId }).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
