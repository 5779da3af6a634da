import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/store/store';
import { FIXTURE_CONTACTS } from '../fixtures/contacts';
import { zip } from '../fixtures/zip';
import { eventually } from './product';
import { startStack, type Stack } from './stack';

const EMPLOYEE = 'retyper@acme.example';

/**
 * Lineage without an export or a copy: the employee only looks at a Salesforce list view, then uploads to
 * personal Gmail a file made from it by hand — columns reordered, semicolons, every cell quoted, a few
 * addresses changed. The list view's fingerprints are enough to trace the upload, with its share.
 */
describe('lineage from a list view on screen to an edited upload', () => {
  let stack: Stack;
  beforeAll(async () => { stack = await startStack(EMPLOYEE); });
  afterAll(async () => { await stack?.close(); });

  it('matches the upload to the contacts the list view showed', async () => {
    const { product, fixtures, browser } = stack;
    const crm = await browser.context.newPage();
    await crm.goto(fixtures.url('acme.lightning.force.com', '/lightning/o/Contact/list'));
    const listView = await eventually(async () => (await stack.events('crm.list_view'))[0], 20_000, 'the list view’s fingerprints');
    expect(listView).toMatchObject({ crm: 'salesforce', emailCount: FIXTURE_CONTACTS.length });
    expect(product.storedEvent(listView.id).fingerprints).toHaveLength(FIXTURE_CONTACTS.length);

    const retyped = FIXTURE_CONTACTS.map((c, i) => [i < 6 ? `changed${i}@example-elsewhere.org` : c.email, c.phone, `${c.firstName} ${c.lastName}`]);
    const text = ['"E-mail";"Phone";"Name"', ...retyped.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(';'))].join('\n');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-lineage-')), 'my contacts (final).csv');
    fs.writeFileSync(file, text);
    const mail = await browser.context.newPage();
    await mail.goto(fixtures.url('mail.google.com', '/mail/u/0/#inbox?compose=new'));
    await mail.setInputFiles('#attach-input', file);

    const alert = await eventually(async () => {
      const alerts = await product.api<Alert[]>(`/v1/alerts?status=open&employee=${EMPLOYEE}`);
      return alerts.find((a) => a.pattern === 'crm_contacts_exfiltrated');
    }, 20_000, 'the lineage alert');
    const matched = FIXTURE_CONTACTS.length - 6;
    expect(alert.details).toMatchObject({ matchedContacts: matched, contactsInUpload: FIXTURE_CONTACTS.length, share: matched / FIXTURE_CONTACTS.length });
    expect(alert.eventIds).toContain(listView.id);
  });

  it('reads the addresses of an Excel workbook uploaded in the browser', async () => {
    const strings = FIXTURE_CONTACTS.map((c) => `<si><t>${c.email}</t></si>`).join('');
    const book = zip({ 'xl/workbook.xml': '<workbook/>', 'xl/sharedStrings.xml': `<sst>${strings}</sst>` });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-guard-xlsx-')), 'clients.xlsx');
    fs.writeFileSync(file, new Uint8Array(await book.arrayBuffer()));
    const mail = await stack.browser.context.newPage();
    await mail.goto(stack.fixtures.url('mail.google.com', '/mail/u/0/#inbox?compose=new'));
    await mail.setInputFiles('#attach-input', file);
    const upload = await eventually(async () => (await stack.events('webmail.upload')).find((e) => e.fileName === 'clients.xlsx'), 20_000, 'the workbook upload');
    expect(upload).toMatchObject({ emailCount: FIXTURE_CONTACTS.length });
    expect(stack.product.storedEvent(upload.id).fingerprints).toHaveLength(FIXTURE_CONTACTS.length);
  });
});
