import { describe, expect, it } from 'vitest';
import { enrollmentChanges } from './enrollment-changes';

const before = { serverUrl: 'https://guard.acme.example', employee: 'ann@acme.example', deviceId: 'd1', deviceToken: 't1' };

describe('enrollmentChanges', () => {
  it('reports a new identity and a new server, each as its own signal', () => {
    const after = { ...before, serverUrl: 'http://127.0.0.1:9', employee: 'bob@acme.example', deviceId: 'd2' };
    expect(enrollmentChanges(before, after).map((c) => c.signal)).toEqual(['identity_change', 'server_url_change']);
    expect(enrollmentChanges(before, after)[0]!.detail).toBe('this browser now reports as another employee (device d2, was d1)');
  });

  it('reports a new enrollment of the same person on the same server', () => {
    expect(enrollmentChanges(before, { ...before, deviceId: 'd2', deviceToken: 't2' })).toEqual([{ signal: 'enrollment_change', detail: 'enrolled again as device d2 (was d1)' }]);
  });

  it('reports nothing when nothing changed', () => {
    expect(enrollmentChanges(before, { ...before })).toEqual([]);
  });
});
