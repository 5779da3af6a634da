import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../shared/policy';
import { ADMIN, make, testApp, type TestApp } from './harness';

const EMPLOYEE = 'anna@acme.example';
const OTHER = 'boris@acme.example';
const AT = '2026-11-02T09:00:00.000Z';

describe('personal destinations in the policy', () => {
  let t: TestApp;
  beforeEach(async () => { t = await testApp(); });
  afterEach(async () => { await t.close(); });

  const policy = async () => (await (await t.request('/v1/policy', { token: ADMIN })).json()) as Policy;

  it('serves the built-in destinations in audit mode, without corporate Outlook', async () => {
    const { personalDestinations } = await policy();
    const ids = personalDestinations.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['gmail', 'outlook-com', 'yahoo-mail', 'mail-ru', 'yandex-mail', 'proton-mail', 'qq-mail', 'netease-mail', 'icloud', 'gmx', 'web-de', 'google-drive', 'dropbox', 'yandex-disk', 'cloud-mail-ru', 'wetransfer', 'mega', 'telegram-web', 'whatsapp-web']));
    expect(new Set(personalDestinations.map((d) => d.mode))).toEqual(new Set(['audit']));
    expect(JSON.stringify(personalDestinations)).not.toMatch(/outlook\.office(365)?\.com/);
  });

  it('sets modes per destination, with a default, and keeps an added destination’s own mode', async () => {
    const put = await t.request('/v1/policy', {
      method: 'PUT', token: ADMIN,
      json: {
        destinationModes: { '*': 'warn', gmail: 'block' },
        personalDestinations: [{ id: 'pcloud', name: 'pCloud', matches: ['https://*.pcloud.com/*'], kind: 'cloud', mode: 'block' }],
      },
    });
    expect(put.status).toBe(200);
    const modes = Object.fromEntries((await policy()).personalDestinations.map((d) => [d.id, d.mode]));
    expect(modes).toMatchObject({ gmail: 'block', 'outlook-com': 'warn', 'whatsapp-web': 'warn', pcloud: 'block' });

    const bad = await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { destinationModes: { gmail: 'shout' } } });
    expect(bad.status).toBe(400);
    const typo = await t.request('/v1/policy', { method: 'PUT', token: ADMIN, json: { destinationModes: { gmial: 'block' } } });
    expect(typo.status).toBe(400);
    expect(await typo.json()).toMatchObject({ error: { details: { fields: [{ path: 'destinationModes.gmial' }] } } });
  });

  it('attaches a justification to the employee’s own upload, never to another’s', async () => {
    const anna = await t.enroll(EMPLOYEE);
    const boris = await t.enroll(OTHER);
    const upload = make.upload(EMPLOYEE, AT, { mode: 'warn' });
    const borisUpload = make.upload(OTHER, AT);
    expect((await t.request('/v1/events', { token: anna, json: { events: [upload] } })).status).toBe(200);
    expect((await t.request('/v1/events', { token: boris, json: { events: [borisUpload] } })).status).toBe(200);

    const justification = (eventId: string) => ({
      id: randomUUID(), type: 'webmail.justification', occurredAt: AT, employee: EMPLOYEE, origin: 'https://mail.google.com',
      destination: 'gmail', eventId, justification: 'sending the agenda to my phone',
    });
    const sent = await t.request('/v1/events', { token: anna, json: { events: [justification(upload.id), justification(borisUpload.id)] } });
    expect(sent.status).toBe(200);

    const stored = (await (await t.request('/v1/events?type=webmail.upload', { token: ADMIN })).json()) as { events: Record<string, unknown>[] };
    expect(stored.events.find((e) => e.id === upload.id)).toMatchObject({ mode: 'warn', justification: 'sending the agenda to my phone' });
    expect(stored.events.find((e) => e.id === borisUpload.id)!.justification).toBeUndefined();
  });
});
