import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import { ErrorBody } from '../../shared/api';
import { anyValue, deeplyNested, INVALID_UTF8, MALFORMED_BODIES, mutate, nastyString, validBodies } from './fuzz-inputs';
import { ADMIN, make, testApp, type TestApp } from './harness';
import { postgresDigest, sqliteDigest, type StoreDigest } from './store-digest';
import { freshSchemaUrl, openSqliteTestStore } from './test-stores';

const A = 'ann@acme.test';
const B = 'bob@acme.test';
const onPostgres = process.env.CRMGUARD_TEST_BACKEND === 'postgres';
// The routes are the same on both backends; PostgreSQL's digest is a round trip per case, so its run is shorter.
const CASES = onPostgres ? 2_000 : 10_000;
// One 10 MB body, made once: JSON of the expected shape, far past every route's body limit.
const TEN_MB = `{"events":[{"id":"${'x'.repeat(10 * 1024 * 1024)}"}]}`;

/**
 * Hostile input on every route the app has (read from `app.routes`, so routes added later are fuzzed too):
 * no 5xx, the contract's error body on /v1, and nothing stored by a request that was refused.
 */
describe('hostile input on every route', () => {
  let t: TestApp;
  let store: StoreDigest;
  const tokens: Record<string, string | undefined> = {};
  let alertId = '';

  beforeAll(async () => {
    let schemaUrl = '';
    t = await testApp(new Date('2026-11-02T10:00:00Z'), {
      // Validation is what is fuzzed here; the limits have their own test.
      enrollRateLimits: { perAddress: { burst: 1e9, perMinute: 1e9 }, perToken: { burst: 1e9, perMinute: 1e9 } },
      openStore: async (dir) => {
        if (!onPostgres) return openSqliteTestStore(dir);
        const schema = freshSchemaUrl();
        schemaUrl = schema.url;
        const opened = await openPostgresStore(schema.url);
        return { store: opened, destroy: async () => { await opened.close(); await schema.drop(); } };
      },
    });
    store = onPostgres ? await postgresDigest(schemaUrl) : sqliteDigest(path.join(t.dir, 'crm-guard.db'));
    Object.assign(tokens, { none: undefined, admin: ADMIN, deviceA: await t.enroll(A), deviceB: await t.enroll(B) });
    await t.request('/v1/events', { token: tokens.deviceA, json: { events: [make.copy(A, '2026-11-02T08:00:00Z'), make.upload(A, '2026-11-02T08:10:00Z')] } });
    alertId = (await t.store.listAlerts({}))[0]!.id;
  });
  afterAll(async () => {
    await store.close();
    await t.close();
  });

  it(`survives ${CASES} generated requests`, async () => {
    const routes = [...new Map(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }])).values()];
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const forged = fc.constantFrom(
      undefined, `Bearer ${ADMIN}`, `Bearer ${tokens.deviceA}`, `Bearer ${tokens.deviceB}`, 'Bearer dev_forged', `Bearer ${ADMIN}x`,
      `Bearer ${tokens.deviceA!.slice(0, -1)}`, 'Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(10_000)}`,
    );
    // Mostly the credential the route wants, so most cases get past authentication to the validation behind it.
    const auth = (path: string) => fc.oneof(
      { weight: 3, arbitrary: fc.constant(`Bearer ${path === '/v1/events' || path === '/v1/policy' ? tokens.deviceA : ADMIN}`) },
      { weight: 2, arbitrary: forged },
    );
    const valid = validBodies(A, B);
    const validFor = (path: string) => valid.filter((b) =>
      path === '/v1/events' ? 'events' in b : path === '/v1/enroll' ? 'enrollmentToken' in b : path.startsWith('/v1/alerts') ? 'status' in b
        : path.startsWith('/v1/hr') ? 'kind' in b : path === '/v1/policy' ? 'thresholds' in b : true);
    const body = (path: string) => fc.oneof(
      { weight: 10, arbitrary: fc.tuple(fc.constantFrom(...validFor(path)), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), anyValue, fc.boolean()).map(([b, at, v, rm]) => JSON.stringify(mutate(b, at, v, rm))) },
      // Unchanged and meant for this route, so accepted writes (201s among them) are common, not a matter of the seed.
      { weight: 3, arbitrary: fc.constantFrom(...validFor(path)).map((b) => JSON.stringify(b)) },
      // Another route's valid body: well-formed, the wrong shape for this one.
      { weight: 1, arbitrary: fc.constantFrom(...valid).map((b) => JSON.stringify(b)) },
      { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_BODIES) },
      { weight: 2, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? 'null') },
      { weight: 1, arbitrary: fc.constantFrom(...INVALID_UTF8) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 10, max: 100_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => deeplyNested(d, k)) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 501, max: 200_000 }), fc.constantFrom<unknown>({}, 1, 'x', null)).map(([n, e]) => JSON.stringify({ events: Array(n).fill(e) })) },
      { weight: 1, arbitrary: fc.constant(TEN_MB) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    const query = fc.dictionary(fc.constantFrom('employee', 'type', 'since', 'limit', 'status', 'x'), nastyString, { maxKeys: 3 });
    const request = fc.constantFrom(...routes).chain((route) => fc.record({
      route: fc.constant(route),
      param: fc.oneof(fc.constant<string | undefined>(undefined), nastyString, fc.constantFrom('%', '%E0%A4%A', '%C0%AF', '%00', '..', '%2F..%2F')),
      query,
      auth: auth(route.path),
      contentType: fc.oneof(
        { weight: 4, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constantFrom(undefined, 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.x+json') },
      ),
      origin: fc.constantFrom(undefined, 'http://localhost', 'https://evil.example', 'null'),
      cookie: fc.constantFrom(undefined, 'crmguard_session=forged', `crmguard_session=${'%'.repeat(3000)}`),
      body: body(route.path),
    }));

    // The pseudonym key is made on the first page that shows a pseudonym, whatever that page answers:
    // deployment state, not something a request wrote.
    await t.app.services.pseudonymKey();
    let digest = await store.digest();
    let cases = 0;
    const statuses = new Map<number, number>();
    let acceptedWrites = 0;
    await fc.assert(fc.asyncProperty(request, async (r) => {
      cases++;
      // A real alert id or employee for the path parameter, or a hostile one.
      const concrete = r.route.path.replace(/:(\w+)/g, (_, name: string) => pathSegment(r.param ?? (name === 'id' ? alertId : A)));
      const headers: Record<string, string> = {};
      if (r.auth) headers.authorization = r.auth;
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.origin) headers.origin = r.origin;
      if (r.cookie) headers.cookie = r.cookie;
      const hasBody = !['GET', 'HEAD'].includes(r.route.method) && r.body !== undefined;
      const response = await t.app.request(`http://localhost${concrete}?${new URLSearchParams(r.query)}`, { method: r.route.method, headers, body: hasBody ? r.body : undefined });
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.ok && r.route.method !== 'GET') acceptedWrites++;
      const what = `${r.route.method} ${concrete} → ${response.status} ${text.slice(0, 300)}`;
      if (response.status >= 500) throw new Error(`server error: ${what}`);
      if (response.status >= 400 && concrete.startsWith('/v1/') && !ErrorBody.safeParse(safeJson(text)).success) throw new Error(`not the contract's error body: ${what}`);
      // An accepted batch may leave its employee's rescore for later (ingest scoring coalesces): it is done
      // before the next case, so a refused request is never blamed for the rescore a write left behind.
      if (response.status < 400) await t.settle();
      const after = await store.digest();
      if (response.status >= 400 && after !== digest) throw new Error(`a refused request changed the store: ${what}`);
      digest = after;
    }), { numRuns: CASES, endOnFailure: true, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) });
    expect(cases).toBe(CASES);
    console.log('fuzz statuses', Object.fromEntries([...statuses].sort(([a], [b]) => a - b)), 'accepted writes', acceptedWrites);
    // The cases reach every layer: accepted writes, validation, authentication, roles, size limits, media types.
    // Each of these comes up at least ~20 times in 2,000 cases (accepted writes ~40), so none is missing by the luck of the seed;
    // a 201 alone (a new device, note, token or account) comes up a few times and is not asked for.
    expect(acceptedWrites).toBeGreaterThanOrEqual(10);
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 401, 403, 404, 413, 415]));
    // Still serving.
    const ok = await t.request('/v1/events', { token: tokens.deviceB, json: { events: [make.export(B, '2026-11-02T09:30:00Z')] } });
    expect(ok.status).toBe(200);
  }, 300_000);
});

/** Percent-encodes UTF-8 bytes (a lone surrogate becomes U+FFFD's); a value already holding `%` goes raw, malformed or not. */
function pathSegment(value: string) {
  if (value.includes('%')) return value.replaceAll('/', '%2F');
  return [...Buffer.from(value)].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
