import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import { FIXTURE_CONTACTS } from '../fixtures/contacts';
import { eventually } from './product';
import { refreshPolicy } from './push-policy';
import { startStack, type Stack } from './stack';

const EMPLOYEE = 'rotator@acme.example';

/**
 * The device salt is rotated between the CRM and the upload: the list view is fingerprinted under the
 * old salt, the upload (after the extension fetched the rotated policy) under both, and the alert still
 * traces the upload to the list view.
 */
describe('lineage across a device salt rotation, in Chromium with the built extension', () => {
  let stack: Stack;
  beforeAll(async () => { stack = await startStack(EMPLOYEE); });
  afterAll(async () => { await stack?.close(); });

  it('matches an upload after the rotation to CRM contacts seen before it', async () => {
    const { product, fixtures, browser } = stack;
    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
    const listView = await eventually(async () => (await stack.events('crm.list_view'))[0], 20_000, 'the list view’s fingerprints');
    const before = product.storedEvent(listView.id);
    expect(before.fingerprints).toHaveLength(FIXTURE_CONTACTS.length);
    expect(before).not.toHaveProperty('previousFingerprints');
    await crm.close();

    const rotation = await product.api<{ previousSaltUntil: string }>('/v1/policy/salt-rotation', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(Date.parse(rotation.previousSaltUntil)).toBeGreaterThan(Date.now() + 89 * 86_400_000);
    await refreshPolicy(stack);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-rotation-')), 'clients.csv');
    fs.writeFileSync(file, ['Email,Phone', ...FIXTURE_CONTACTS.map((c) => `${c.email},${c.phone}`)].join('\n'));
    const mail = await browser.context.newPage();
    await mail.goto(fixtures.url('mail.google.com', '/mail/u/0/#inbox?compose=new'));
    await mail.setInputFiles('#attach-input', file);

    const upload = await eventually(async () => (await stack.events('webmail.upload')).find((e) => e.fileName === 'clients.csv'), 20_000, 'the upload');
    const stored = product.storedEvent(upload.id);
    // Under the new salt the upload shares nothing with the list view; under the previous one, everything.
    expect(stored.fingerprints).toHaveLength(FIXTURE_CONTACTS.length);
    expect((stored.fingerprints as string[]).filter((fp) => before.fingerprints.includes(fp))).toEqual([]);
    expect([...(stored.previousFingerprints as string[])].sort()).toEqual([...before.fingerprints].sort());

    const alert = await eventually(async () => {
      const alerts = await product.api<Alert[]>(`/v1/alerts?status=open&employee=${EMPLOYEE}`);
      return alerts.find((a) => a.pattern === 'crm_contacts_exfiltrated');
    }, 20_000, 'the lineage alert');
    expect(alert.details).toMatchObject({ matchedContacts: FIXTURE_CONTACTS.length, share: 1 });
    expect(alert.eventIds).toEqual(expect.arrayContaining([listView.id, upload.id]));
  });
});
