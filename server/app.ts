import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError, errorBody } from './http/errors';
import { IngestScoring } from './scoring/ingest-scoring';
import { Metrics } from './metrics';
import { RateLimiter } from './http/rate-limit';
import { isDatabaseUnavailable, isUnstorableText, RETRY_AFTER_SECONDS } from './store/unavailable';
import { pseudonymGuard } from './people/pseudonym-guard';
import { pseudonymKeyOf } from './people/pseudonyms';
import { PseudonymIndex } from './people/pseudonym-index';
import { AuditCheckpointer } from './audit/checkpointer';
import type { AppEnv, DeploymentSecrets, Services } from './env';
import type { Store } from './store/store';
import { NO_IDENTITY_PROVIDER, type IdentityConfig } from './identity/identity-config';
import { OidcIssuer } from './identity/oidc-issuer';
import { alertPageRoutes } from './routes/alert-pages';
import { alertRoutes } from './routes/alerts';
import { assetRoutes } from './routes/assets';
import { auditRoutes } from './routes/audit';
import { changeWindowRoutes } from './routes/change-windows';
import { consoleRoutes } from './routes/console';
import { employeePageRoutes } from './routes/employee-pages';
import { deadLetterRoutes } from './routes/dead-letters';
import { employeeRoutes } from './routes/employees';
import { deviceRoutes } from './routes/devices';
import { myDataRoutes } from './routes/my-data';
import { devicePageRoutes } from './routes/device-pages';
import { accountPageRoutes } from './routes/account-pages';
import { activityPageRoutes } from './routes/activity-pages';
import { watchlistPageRoutes } from './routes/watchlist-pages';
import { enrollRoutes } from './routes/enroll';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { hrPageRoutes } from './routes/hr-pages';
import { hrRoutes } from './routes/hr';
import { policyPageRoutes } from './routes/policy-page';
import { integrationRoutes } from './routes/integrations';
import { policyRoutes } from './routes/policy';
import { tooLarge } from './routes/limits';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import { oidcRoutes } from './routes/oidc';
import { signInSettingsRoutes } from './routes/sign-in-settings';
import { scimErrorResponse, scimRoutes } from './routes/scim';

export interface AppOptions {
  store: Store;
  secrets: DeploymentSecrets;
  now?: () => Date;
  metrics?: Metrics;
  /** When set, only these e-mail domains may enroll (CRMGUARD_EMPLOYEE_DOMAINS). */
  employeeDomains?: string[];
  /** Rescore the touched employees on ingest (default); the benchmark turns it off to measure its cost. */
  incrementalScoring?: boolean;
  /** How long batches of one employee are gathered into one rescore (default `COALESCE_MS`). */
  coalesceMs?: number;
  /** The file outside the database the audit chain's checkpoints are appended to (server/index.ts: next to the admin token). */
  auditCheckpointFile?: string;
  /** Enrollments allowed per client address and per enrollment token: a burst, then so many a minute. */
  enrollRateLimits?: { perAddress: RateLimit; perToken: RateLimit };
  /** OpenID Connect, SCIM, trusted proxies; without it, the trial's token enrollment and local accounts. */
  identity?: IdentityConfig;
}

export interface RateLimit { burst: number; perMinute: number }

/** An office behind one NAT address enrolls a few dozen browsers at once; a fleet's rollout, hundreds a minute. */
export const ENROLL_RATE_LIMITS = { perAddress: { burst: 60, perMinute: 60 }, perToken: { burst: 600, perMinute: 600 } };
/**
 * The one policy every response carries (the other branches' pages agree on it): no inline script or
 * style at all, so the console's look comes from /assets/console.css.
 */
export const CSP_HEADER = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make().catch((error) => { value = undefined; throw error; }));
}

/** Builds the whole HTTP app; `server/index.ts` only serves it. Tests call `app.request()` on it. */
export function createApp(options: AppOptions) {
  const now = options.now ?? (() => new Date());
  const metrics = options.metrics ?? new Metrics();
  const identity = options.identity ?? NO_IDENTITY_PROVIDER;
  const pseudonymKey = once(() => pseudonymKeyOf(options.store));
  const services: Services = {
    store: options.store,
    secrets: options.secrets,
    now,
    metrics,
    employeeDomains: options.employeeDomains ?? [],
    incrementalScoring: options.incrementalScoring ?? true,
    ingestScoring: new IngestScoring({ store: options.store, secrets: options.secrets, now, metrics }, options.coalesceMs),
    enrollLimits: limiters(options.enrollRateLimits ?? ENROLL_RATE_LIMITS),
    identity,
    oidcIssuer: identity.oidc && new OidcIssuer(identity.oidc.issuer),
    pseudonymKey,
    pseudonyms: new PseudonymIndex(options.store, pseudonymKey),
    auditCheckpoints: new AuditCheckpointer({ store: options.store, auditKey: options.secrets.auditKey, file: options.auditCheckpointFile, now }),
  };
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('services', services);
      await next();
      services.metrics.countRequest(c.req.method, c.res.status);
    })
    .use(secureHeaders({
      // With `no-referrer` Chromium sends `Origin: null` on our own form posts; the CSRF token covers those.
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
    }))
    // Before any route writes its answer: security and HR get pseudonyms on every route, old and new.
    .use(pseudonymGuard)
    // U+0000 in a path or query parameter would reach the database as text, which PostgreSQL refuses.
    .use(async (c, next) => {
      if (/%00/i.test(c.req.url)) throw new ApiError(400, 'invalid_input', 'the URL must not contain the character U+0000 (%00)');
      await next();
    })
    // Routes that take large bodies set their own limit; every other one reads at most 1 MiB.
    .use(async (c, next) => (LARGE_BODY_ROUTES.has(c.req.path) ? next() : defaultBodyLimit(c, next)))
    .use(async (c, next) => {
      await next();
      c.header('content-security-policy', CSP_HEADER);
    })
    .route('/', healthRoutes)
    .route('/', enrollRoutes)
    .route('/', eventRoutes)
    .route('/', policyRoutes)
    .route('/', employeeRoutes)
    .route('/', alertRoutes)
    .route('/', hrRoutes)
    .route('/', userRoutes)
    .route('/', tokenRoutes)
    .route('/', alertPageRoutes)
    .route('/', employeePageRoutes)
    .route('/', hrPageRoutes)
    .route('/', policyPageRoutes)
    .route('/', auditRoutes)
    .route('/', assetRoutes)
    .route('/', integrationRoutes)
    .route('/', deadLetterRoutes)
    .route('/', deviceRoutes)
    .route('/', myDataRoutes)
    .route('/', oidcRoutes)
    .route('/', signInSettingsRoutes)
    .route('/', scimRoutes)
    .route('/', devicePageRoutes)
    .route('/', accountPageRoutes)
    .route('/', activityPageRoutes)
    .route('/', watchlistPageRoutes)
    .route('/', changeWindowRoutes)
    .route('/', consoleRoutes);

  app.notFound((c) => isScim(c.req.path) ? scimErrorResponse(c, new ApiError(404, 'not_found', `no SCIM endpoint ${c.req.method} ${c.req.path}`)) : c.json(errorBody('not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
  app.onError((error, c) => {
    // SCIM clients (Entra ID, Okta) read errors only in SCIM's own format.
    if (isScim(c.req.path)) return scimErrorResponse(c, error);
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.details), error.status);
    if (error instanceof HTTPException) {
      const code = error.status === 400 ? 'invalid_input' : error.status === 413 ? 'payload_too_large' : `http_${error.status}`;
      return c.json(errorBody(code, error.message || 'request failed'), error.status);
    }
    // Text PostgreSQL cannot store (U+0000) that got past validation: the request's fault, refused on both backends by the schemas.
    if (isUnstorableText(error)) return c.json(errorBody('invalid_input', 'the request holds text the database cannot store (U+0000)'), 400);
    if (isDatabaseUnavailable(error)) {
      // Logged once per request, briefly: an outage must not flood the log with stacks.
      console.error(`database unavailable: ${c.req.method} ${c.req.path}: ${error.message}`);
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json(errorBody('database_unavailable', 'the database is unavailable for the moment; nothing of this request was acknowledged, retry later'), 503);
    }
    console.error('unhandled error', c.req.method, c.req.path, error);
    return c.json(errorBody('internal', 'the server failed to handle this request; it has been logged'), 500);
  });
  return Object.assign(app, { services });
}

const isScim = (path: string) => path === '/scim/v2' || path.startsWith('/scim/v2/');

const LARGE_BODY_ROUTES = new Set(['/v1/events', '/v1/hr/signals/import']);
const defaultBodyLimit = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge });

function limiters({ perAddress, perToken }: { perAddress: RateLimit; perToken: RateLimit }) {
  return { byAddress: new RateLimiter(perAddress.burst, perAddress.perMinute), byToken: new RateLimiter(perToken.burst, perToken.perMinute) };
}

export type AppType = ReturnType<typeof createApp>;
