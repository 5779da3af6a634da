import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { markReachable, markUnreachable, readConnection } from './connection-state';

describe('connection state', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the moment the server first became unreachable until it answers again', async () => {
    expect(await readConnection()).toBeUndefined();
    await markReachable(new Date('2026-11-02T10:00:00Z'));
    await markUnreachable(new Date('2026-11-02T10:42:00Z'));
    await markUnreachable(new Date('2026-11-02T10:50:00Z'));
    expect(await readConnection()).toEqual({ reachable: false, since: '2026-11-02T10:42:00.000Z' });
    await markReachable(new Date('2026-11-02T11:00:00Z'));
    await markReachable(new Date('2026-11-02T11:05:00Z'));
    expect(await readConnection()).toEqual({ reachable: true, since: '2026-11-02T11:00:00.000Z' });
  });
});
