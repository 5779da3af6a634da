import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../shared/events';
import { distinctContacts } from '../risk/lineage';
import { lineageOf } from './record-lineage';

/** Stand-ins for the same 10 contacts under the salt before a rotation and the one after it. */
const OLD = Array.from({ length: 10 }, (_, i) => `00aa${i.toString(16).padStart(12, '0')}`);
const NEW = Array.from({ length: 10 }, (_, i) => `00bb${i.toString(16).padStart(12, '0')}`);

const copy = (at: string, fingerprints: string[], previousFingerprints?: string[]) => ({
  id: randomUUID(), type: 'crm.copy', occurredAt: at, employee: 'amy@acme.example', origin: 'https://acme.lightning.force.com', crm: 'salesforce',
  action: 'copy', emailCount: 10, phoneCount: 0, rowCount: 10, charCount: 300, fingerprintLevel: 0, fingerprints, ...(previousFingerprints && { previousFingerprints }),
}) as Event;
const upload = (at: string, fingerprints: string[], previousFingerprints?: string[]) => ({
  id: randomUUID(), type: 'webmail.upload', occurredAt: at, employee: 'amy@acme.example', origin: 'https://mail.google.com', destination: 'gmail',
  channel: 'file_input', fileName: 'c.csv', sizeBytes: 100, mimeType: 'text/csv', emailCount: 10, fingerprintLevel: 0, fingerprints, ...(previousFingerprints && { previousFingerprints }),
}) as Event;

describe('lineage across a salt rotation', () => {
  const before = copy('2026-11-01T10:00:00Z', OLD);
  const inWindow = upload('2026-11-10T10:00:00Z', NEW, OLD);

  it('matches an upload in the window to a copy before the rotation through the previous set, each contact once', () => {
    const match = lineageOf([before, inWindow]).get(inWindow.id);
    expect(match).toMatchObject({ matched: 10, total: 10, share: 1, sourceEventIds: [before.id] });
    // Under another salt than later uploads': not kept, so they are never added up with them.
    expect(match).not.toHaveProperty('matchedFingerprints');
  });

  it('without the previous set the same upload matches nothing', () => {
    expect(lineageOf([before, upload('2026-11-10T10:00:00Z', NEW)]).size).toBe(0);
  });

  it('prefers the current salt when it matches as much, keeping its fingerprints', () => {
    const duringWindow = copy('2026-11-05T10:00:00Z', NEW, OLD);
    const match = lineageOf([before, duringWindow, inWindow]).get(inWindow.id);
    expect(match).toMatchObject({ matched: 10, total: 10, sourceEventIds: [duringWindow.id] });
    expect(match?.matchedFingerprints).toEqual(NEW);
  });

  it('counts the same contacts matched under two salts as a lower bound, not twice', () => {
    const duringWindow = copy('2026-11-05T10:00:00Z', NEW, OLD);
    const later = upload('2027-01-20T10:00:00Z', NEW);
    const lineage = lineageOf([before, inWindow, duringWindow, later]);
    const viaPrevious = lineageOf([before, inWindow]).get(inWindow.id)!;
    expect(distinctContacts([viaPrevious, lineage.get(later.id)!])).toBe(10);
  });
});
