import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, testApp, type TestApp } from './harness';

describe('policy for extensions: ETag and audit', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(); });
  afterEach(async () => { await t.close(); });

  it('answers 304 to an If-None-Match of the current tag, and a new tag after a change', async () => {
    const device = await t.enroll('eve@acme.example');
    const first = await t.request('/v1/policy', { token: device });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{16}-d"$/);
    const again = await t.request('/v1/policy', { token: device, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // A person's copy has no salt, so it is another representation with another tag.
    const person = await t.request('/v1/policy', { token: ADMIN, headers: { 'if-none-match': etag } });
    expect(person.status).toBe(200);
    await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { thresholds: { copyMinContacts: 9 } } });
    const changed = await t.request('/v1/policy', { token: device, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as { thresholds: { copyMinContacts: number } }).thresholds.copyMinContacts).toBe(9);
  });

  it('writes every policy change to the audit log', async () => {
    await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { thresholds: { pasteMinContacts: 7 } } });
    const [record] = (await (await t.request('/v1/audit', { token: ADMIN })).json()) as { action: string; target: string; details: Record<string, unknown> }[];
    expect(record).toMatchObject({ action: 'policy.update', target: 'policy', details: { overrides: { thresholds: { pasteMinContacts: 7 } } } });
  });
});
