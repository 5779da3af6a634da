import { describe, expect, it } from 'vitest';
import { EventBatch, HrSignal } from './api';
import { Event, EVENT_TYPES, MAX_FINGERPRINTS } from './events';
import { Policy, PolicyUpdate } from './policy';

const base = { id: '6f1c2b1e-8d2a-4c4b-9f7e-0a1b2c3d4e5f', occurredAt: '2026-11-02T09:00:00Z', employee: 'a@acme.example', origin: 'https://acme.lightning.force.com' };

describe('Event', () => {
  it('lists every contract event type (the contract may be extended, never narrowed)', () => {
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(['agent.heartbeat', 'crm.copy', 'crm.export', 'crm.print', 'crm.record_view', 'webmail.paste', 'webmail.upload']));
  });

  it('accepts a copy and defaults its fingerprints', () => {
    const parsed = Event.parse({ ...base, type: 'crm.copy', crm: 'salesforce', action: 'copy', emailCount: 5, phoneCount: 0, rowCount: 5, charCount: 120 });
    expect(parsed).toMatchObject({ fingerprints: [], fingerprintLevel: 0 });
  });

  it('drops fields it does not know, so content cannot ride along', () => {
    const parsed = Event.parse({ ...base, type: 'crm.print', crm: 'salesforce', text: 'a@b.co, c@d.co' });
    expect(parsed).not.toHaveProperty('text');
  });

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['occurredAt', { occurredAt: '02/11/2026' }],
    ['employee', { employee: 'nobody' }],
    ['type', { type: 'crm.teleport' }],
  ])('refuses a bad %s', (field, override) => {
    const result = Event.safeParse({ ...base, type: 'crm.print', crm: 'salesforce', ...override });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path[0]).toBe(field);
  });

  it('refuses malformed or too many fingerprints', () => {
    const copy = { ...base, type: 'crm.copy', crm: 'salesforce', action: 'copy', emailCount: 1, phoneCount: 0, rowCount: 1, charCount: 1 };
    expect(Event.safeParse({ ...copy, fingerprints: ['A@B.CO'] }).success).toBe(false);
    expect(Event.safeParse({ ...copy, fingerprints: Array(MAX_FINGERPRINTS + 1).fill('0123456789abcdef') }).success).toBe(false);
  });

  it('refuses negative counts', () => {
    expect(Event.safeParse({ ...base, type: 'webmail.upload', destination: 'gmail', channel: 'drop', fileName: 'x', sizeBytes: -1, mimeType: '' }).success).toBe(false);
  });
});

describe('API bodies', () => {
  it('limits a batch to 1..500 events', () => {
    expect(EventBatch.safeParse({ events: [] }).success).toBe(false);
  });

  it('takes HR dates as calendar dates or timestamps', () => {
    expect(HrSignal.safeParse({ employeeEmail: 'a@acme.example', kind: 'resignation_notice', effectiveDate: '2026-11-01' }).success).toBe(true);
    expect(HrSignal.safeParse({ employeeEmail: 'a@acme.example', kind: 'resignation_notice', effectiveDate: 'soon' }).success).toBe(false);
    expect(HrSignal.safeParse({ employeeEmail: 'a@acme.example', kind: 'promotion', effectiveDate: '2026-11-01' }).success).toBe(false);
  });
});

describe('Policy', () => {
  it('refuses a site whose match pattern Chrome would not take', () => {
    expect(PolicyUpdate.safeParse({ crmSites: [{ id: 'x', name: 'X', matches: ['crm.example.com'] }] }).success).toBe(false);
    expect(PolicyUpdate.safeParse({ crmSites: [{ id: 'x', name: 'X', matches: ['https://*.crm.example.com/*'] }] }).success).toBe(true);
    expect(Policy.safeParse({}).success).toBe(false);
  });
});
