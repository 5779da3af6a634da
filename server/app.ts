import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError, errorBody } from './errors';
import { Metrics } from './metrics';
import type { AppEnv, DeploymentSecrets, Services } from './env';
import type { Store } from './store/store';
import { alertRoutes } from './routes/alerts';
import { consoleRoutes } from './routes/console';
import { employeeRoutes } from './routes/employees';
import { deviceRoutes } from './routes/devices';
import { enrollRoutes } from './routes/enroll';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { hrRoutes } from './routes/hr';
import { policyRoutes } from './routes/policy';

export interface AppOptions {
  store: Store;
  secrets: DeploymentSecrets;
  now?: () => Date;
  metrics?: Metrics;
  /** When set, only these e-mail domains may enroll (CRMGUARD_EMPLOYEE_DOMAINS). */
  employeeDomains?: string[];
  /** Rescore the touched employees on ingest (default); the benchmark turns it off to measure its cost. */
  incrementalScoring?: boolean;
}

/** Builds the whole HTTP app; `server/index.ts` only serves it. Tests call `app.request()` on it. */
export function createApp(options: AppOptions) {
  const services: Services = {
    store: options.store,
    secrets: options.secrets,
    now: options.now ?? (() => new Date()),
    metrics: options.metrics ?? new Metrics(),
    employeeDomains: options.employeeDomains ?? [],
    incrementalScoring: options.incrementalScoring ?? true,
  };
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('services', services);
      await next();
      services.metrics.countRequest(c.req.method, c.res.status);
    })
    .use(secureHeaders({
      // `no-referrer` would make Chromium send `Origin: null` on our own form posts, failing the same-origin check.
      referrerPolicy: 'same-origin',
      contentSecurityPolicy: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], formAction: ["'self'"] },
    }))
    .route('/', healthRoutes)
    .route('/', enrollRoutes)
    .route('/', eventRoutes)
    .route('/', policyRoutes)
    .route('/', employeeRoutes)
    .route('/', alertRoutes)
    .route('/', hrRoutes)
    .route('/', deviceRoutes)
    .route('/', consoleRoutes);

  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.details), error.status);
    if (error instanceof HTTPException) {
      const code = error.status === 400 ? 'invalid_input' : error.status === 413 ? 'payload_too_large' : `http_${error.status}`;
      return c.json(errorBody(code, error.message || 'request failed'), error.status);
    }
    console.error('unhandled error', c.req.method, c.req.path, error);
    return c.json(errorBody('internal', 'the server failed to handle this request; it has been logged'), 500);
  });
  return Object.assign(app, { services });
}

export type AppType = ReturnType<typeof createApp>;
