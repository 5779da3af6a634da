import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { make } from './harness';

/** Strings that have broken parsers, databases and renderers elsewhere (a few from big-list-of-naughty-strings). */
export const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDC00y', '\uFFFF', '\uFEFF', '\u202Eevil', '\u200B\u200D', '\u2028\u2029',
  'e\u0301'.repeat(500), '👩‍👩‍👧‍👦', 'ﷺ', 'null', 'undefined', 'NaN', '-1', '1e400', '0x1F', 'true', '[]', '{}',
  '<script>alert(1)</script>', "'; DROP TABLE events; --", '%00', '%2e%2e%2f', '../../etc/passwd', '${jndi:ldap://x}',
  '__proto__', 'constructor', 'a'.repeat(70_000), 'ann@acme.test', 'ANN@ACME.TEST', 'bob@acme.test', 'ann@acme.test\u0000',
  '2026-02-30T25:61:61Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2026-11-02T09:00:00+14:00',
];

/** Request bodies that are not JSON, or JSON that no schema expects. */
export const MALFORMED_BODIES = [
  '', '{', '}', '{"events":', '{"events":[', '[', 'nul', 'NaN', 'Infinity', "{'a':1}", '{"a":1,}', '{"a" 1}', '"\\u12"',
  '"\\uD800"', '{"events":null}', '{"events":{}}', '{"events":[null]}', '{"events":[[]]}', '{"events":"x"}', '{"events":[1,2,3]}',
  '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"events":[],"events":[{}]}', '1e400', '-0', '\uFEFF{}',
  '{"a":"\u0000"}', JSON.stringify({ events: [{}] }), `{"events":[${'{}'.repeat(1)}]}`,
];

/** Bytes that are not UTF-8: an overlong "/" (C0 AF), an overlong NUL (C0 80), a lone continuation byte, a truncated sequence. */
export const INVALID_UTF8 = [
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0x80, 0x22, 0x7d]),
  Buffer.from([0x80, 0x80, 0x80]),
  Buffer.from([0x7b, 0x22, 0xe2, 0x82]),
  Buffer.from([0xed, 0xa0, 0x80]),
];

export const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: 'binary', maxLength: 64 }), fc.string({ unit: 'grapheme', maxLength: 32 }));

/** Any JSON-ish value, nasty strings included. */
export const anyValue = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, -1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}) },
);

/** A valid body of each kind, so mutations reach past the first check. */
export function validBodies(employee: string, other: string) {
  const at = '2026-11-02T09:00:00.000Z';
  return [
    { events: [make.export(employee, at), make.copy(employee, at, { fingerprints: ['00000000000000aa'] }), make.upload(employee, at)] },
    { events: [make.copy(other, at)] },
    { events: [{ id: randomUUID(), type: 'crm.record_view', occurredAt: at, employee, origin: 'https://acme.lightning.force.com', crm: 'salesforce', recordHash: '00000000000000ab' }] },
    { events: [{ id: randomUUID(), type: 'agent.heartbeat', occurredAt: at, employee, origin: 'chrome-extension://x', extensionVersion: '1.0.0', queueDepth: 0 }] },
    { enrollmentToken: 'enr_integration-enroll', employeeEmail: employee, device: { name: 'laptop', userAgent: 'UA', extensionVersion: '1.0.0' } },
    { status: 'dismissed', reason: 'false positive', assignee: 'sec@acme.test' },
    { employeeEmail: employee, kind: 'resignation_notice', effectiveDate: '2026-11-01' },
    { thresholds: { copyMinContacts: 5 }, crmSites: [{ id: 'hubspot', name: 'HubSpot', matches: ['https://app.hubspot.com/*'] }] },
  ];
}

/** Replaces the value at one random place of `body` (a path of keys and indexes) with `value`, or deletes it. */
export function mutate(body: unknown, choices: number[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: unknown = copy;
  for (const choice of choices) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[choice % keys.length]!;
    const child = (node as Record<string, unknown>)[key];
    if (child === null || typeof child !== 'object' || choice % 3 === 0) {
      if (remove) delete (node as Record<string, unknown>)[key];
      else (node as Record<string, unknown>)[key] = value;
      return copy;
    }
    node = child;
  }
  return copy;
}

/** Nesting `depth` deep, as JSON text (built as text: a value this deep would overflow JSON.stringify). */
export function deeplyNested(depth: number, kind: 'array' | 'object') {
  return kind === 'array' ? `{"events":${'['.repeat(depth)}${']'.repeat(depth)}}` : `${'{"events":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
