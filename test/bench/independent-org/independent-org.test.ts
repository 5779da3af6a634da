import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Event } from '../../../shared/events';
import { fingerprint } from '../../../extension/lib/fingerprint';
import { ContactBook } from './contact-book';
import { generateIndependentOrg, LEAK_STYLES, type IndependentOrg } from './index';

const DAY_MS = 86_400_000;

function digest(org: IndependentOrg): string {
  return createHash('sha256').update(JSON.stringify(org)).digest('hex');
}

describe('generateIndependentOrg, default size', () => {
  let org: IndependentOrg;
  beforeAll(() => {
    org = generateIndependentOrg(17);
  }, 300_000);

  const windowEnd = () => Date.parse(`${org.start}T00:00:00Z`) + org.days * DAY_MS;
  const inWindow = (date: string) => Date.parse(`${date}T00:00:00Z`) >= Date.parse(`${org.start}T00:00:00Z`) && Date.parse(`${date}T00:00:00Z`) < windowEnd();

  // One expect per event would take longer than generating them: the loop collects what is wrong instead.
  it('sends only events the shared schema accepts, sorted by time, from its own people', () => {
    const people = new Set(org.people.map((p) => p.email));
    const wrong: string[] = [];
    let previous = '';
    for (const event of org.events) {
      const parsed = Event.safeParse(event);
      if (!parsed.success) wrong.push(`${JSON.stringify(event)}: ${parsed.error.message}`);
      if (!people.has(event.employee)) wrong.push(`${event.id} from a stranger`);
      if (event.occurredAt < previous) wrong.push(`${event.id} out of order`);
      previous = event.occurredAt;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(Date.parse(org.events[0]!.occurredAt)).toBeGreaterThanOrEqual(Date.parse(`${org.start}T00:00:00Z`) - DAY_MS);
    expect(Date.parse(org.events.at(-1)!.occurredAt)).toBeLessThan(windowEnd() + DAY_MS);
  }, 120_000);

  it('stays within the event budget, with every kind of activity and heartbeats from everyone', () => {
    expect(org.people).toHaveLength(420);
    expect(org.events.length).toBeLessThan(400_000);
    const types = new Set(org.events.map((e) => e.type));
    for (const type of ['crm.export', 'crm.copy', 'crm.record_view', 'crm.list_view', 'crm.print', 'webmail.upload', 'webmail.paste', 'agent.heartbeat', 'agent.notice_acknowledged']) expect(types).toContain(type);
    const heard = new Set(org.events.filter((e) => e.type === 'agent.heartbeat').map((e) => e.employee));
    expect(heard.size).toBe(420);
    const acknowledged = org.events.filter((e) => e.type === 'agent.notice_acknowledged').map((e) => e.employee).sort();
    expect(acknowledged).toEqual(org.people.filter((p) => p.hiredOn).map((p) => p.email).sort());
  });

  it('labels everyone once, consistently with HR signals, hire dates and change windows', () => {
    expect(org.truth.map((t) => t.email).sort()).toEqual(org.people.map((p) => p.email).sort());
    const signals = (email: string, kind: string) => org.hrSignals.filter((s) => s.employeeEmail === email && s.kind === kind);
    const windowed = new Set(org.changeWindows.flatMap((w) => w.employees));
    for (const t of org.truth) {
      const person = org.people.find((p) => p.email === t.email)!;
      expect(t.label === 'leaker').toBe(t.style !== undefined && t.leakStart !== undefined);
      expect(t.label === 'new_hire').toBe(person.hiredOn !== undefined);
      expect(t.label === 'change_window').toBe(windowed.has(t.email));
      const notice = signals(t.email, 'resignation_notice');
      expect(notice.map((s) => s.effectiveDate)).toEqual(t.noticeDate ? [t.noticeDate] : []);
      if (t.label === 'resigner_clean') expect(notice).toHaveLength(1);
      if (t.label === 'innocent' || t.label === 'new_hire' || t.label === 'change_window') expect(notice).toHaveLength(0);
      if (person.hiredOn) expect(inWindow(person.hiredOn)).toBe(true);
    }
    for (const w of org.changeWindows) expect(Date.parse(w.from)).toBeLessThan(Date.parse(w.to));
  });

  it('has 12 leakers covering every style, each with a notice or a termination in the window', () => {
    const leakers = org.truth.filter((t) => t.label === 'leaker');
    expect(leakers).toHaveLength(12);
    expect(new Set(leakers.map((t) => t.style))).toEqual(new Set(LEAK_STYLES));
    for (const t of leakers) {
      const departure = org.hrSignals.filter((s) => s.employeeEmail === t.email && (s.kind === 'resignation_notice' || s.kind === 'termination'));
      expect(departure).toHaveLength(1);
      expect(inWindow(departure[0]!.effectiveDate)).toBe(true);
      expect(departure[0]!.kind === 'termination').toBe(t.style === 'leak_then_terminated');
      expect(inWindow(t.leakStart!)).toBe(true);
    }
    expect(org.truth.filter((t) => t.label === 'resigner_clean').length).toBeGreaterThanOrEqual(6);
    expect(org.truth.filter((t) => t.label === 'new_hire').length).toBeGreaterThanOrEqual(8);
    expect(org.changeWindows.length).toBeGreaterThanOrEqual(1);
  });

  it('links an upload to its export and a paste to its copy by fingerprints, and PDFs carry none', () => {
    const classic = org.truth.filter((t) => t.style === 'classic_bulk').map((t) => t.email);
    for (const email of classic) {
      const mine = org.events.filter((e) => e.employee === email);
      const exported = new Set(mine.flatMap((e) => (e.type === 'crm.export' ? e.fingerprints : [])));
      const uploads = mine.filter((e) => e.type === 'webmail.upload' && e.fingerprints.length > 0);
      expect(uploads.length).toBeGreaterThan(0);
      expect(uploads.some((u) => u.type === 'webmail.upload' && u.fingerprints.every((fp) => exported.has(fp)))).toBe(true);
    }
    for (const email of org.truth.filter((t) => t.style === 'copy_paste').map((t) => t.email)) {
      const mine = org.events.filter((e) => e.employee === email);
      const copied = new Set(mine.flatMap((e) => (e.type === 'crm.copy' ? [e.fingerprints.join()] : [])));
      const pastes = mine.filter((e) => e.type === 'webmail.paste' && e.emailCount > 0);
      expect(pastes.length).toBeGreaterThan(0);
      expect(pastes.every((p) => p.type === 'webmail.paste' && copied.has(p.fingerprints.join()))).toBe(true);
    }
    const pdfs = org.events.filter((e) => e.type === 'webmail.upload' && e.mimeType === 'application/pdf');
    expect(pdfs.length).toBeGreaterThan(0);
    for (const pdf of pdfs) expect(pdf.type === 'webmail.upload' && pdf.fingerprints.length === 0 && pdf.emailCount === undefined).toBe(true);
  });

  it('samples large sets by leading zero bits as the extension does', () => {
    const sampled = org.events.filter((e) => e.type === 'crm.export' && e.fingerprintLevel > 0);
    expect(sampled.length).toBeGreaterThan(0);
    const misfits = sampled.filter((e) => e.type === 'crm.export' && (e.fingerprints.length > 4096 || e.fingerprints.some((fp) => Number.parseInt(fp.slice(0, 4), 16) >= 2 ** (16 - e.fingerprintLevel))));
    expect(misfits.map((e) => e.id)).toEqual([]);
  });
});

describe('generateIndependentOrg, determinism and keying', () => {
  it('gives the same organisation for the same seed and another for another seed', () => {
    const small = { people: 80, days: 60 };
    const a = generateIndependentOrg(5, small);
    expect(digest(generateIndependentOrg(5, small))).toBe(digest(a));
    expect(digest(generateIndependentOrg(6, small))).not.toBe(digest(a));
    expect(a.people).toHaveLength(80);
    expect(a.truth.filter((t) => t.label === 'leaker').length).toBeGreaterThanOrEqual(8);
  }, 120_000);

  it('keys contact fingerprints exactly as the extension does', async () => {
    const book = new ContactBook('a-deployment-salt-of-16+');
    for (const id of [0, 1, 4242, 59_999, 103_999]) expect(book.fingerprint(id)).toBe(await fingerprint(book.email(id), 'a-deployment-salt-of-16+'));
  });
});
