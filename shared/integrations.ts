import * as z from 'zod';

/**
 * Where alerts go besides the console: a signed JSON webhook, Splunk's HTTP Event Collector, an OCSF
 * JSON receiver and CEF over syslog. Each section is optional; a section with `enabled: false` keeps
 * its settings but receives nothing.
 */

const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(2048);
/** Secrets are write-only: the API never returns them, and an update that omits one keeps the stored one. */
const Secret = z.string().min(16, 'at least 16 characters').max(512);

export const WebhookSettings = z.object({
  enabled: z.boolean(),
  url: HttpUrl,
  /** The HMAC-SHA256 key receivers verify `X-CrmGuard-Signature` with. */
  secret: Secret,
});

export const SplunkSettings = z.object({
  enabled: z.boolean(),
  /** The HEC base URL, e.g. `https://splunk.internal:8088`; events go to `/services/collector/event`. */
  url: HttpUrl,
  token: z.string().min(1).max(512),
  index: z.string().max(256).optional(),
  sourcetype: z.string().max(256).default('crmguard:alert'),
});

export const OcsfSettings = z.object({
  enabled: z.boolean(),
  /** Receives a JSON array of OCSF 1.x events per alert (Detection Finding, plus File Hosting Activity per upload). */
  url: HttpUrl,
  /** Sent as `Authorization: Bearer <token>` when set. */
  token: z.string().min(1).max(512).optional(),
});

export const SyslogSettings = z.object({
  enabled: z.boolean(),
  host: z.string().min(1).max(255),
  port: z.int().min(1).max(65535).default(514),
  transport: z.enum(['udp', 'tcp']).default('udp'),
  /** RFC 5424 (default) or the older BSD format of RFC 3164. */
  format: z.enum(['rfc5424', 'rfc3164']).default('rfc5424'),
});

export const INTEGRATION_KINDS = ['webhook', 'splunk', 'ocsf', 'syslog'] as const;
export const IntegrationKind = z.enum(INTEGRATION_KINDS);
export type IntegrationKind = z.infer<typeof IntegrationKind>;

export const IntegrationsConfig = z.object({
  webhook: WebhookSettings.optional(),
  splunk: SplunkSettings.optional(),
  ocsf: OcsfSettings.optional(),
  syslog: SyslogSettings.optional(),
  /** A delivery that failed this many times moves to the dead letters. */
  maxAttempts: z.int().min(1).max(50).default(8),
  /**
   * Alerts name employees by pseudonym in every payload unless this is set: only then do e-mail
   * addresses leave the server. Changing it is audited.
   */
  namesInPayloads: z.boolean().default(false),
});
export type IntegrationsConfig = z.infer<typeof IntegrationsConfig>;

/** `PUT /v1/integrations`: the whole configuration; secrets may be left out to keep the stored ones. */
export const IntegrationsUpdate = z.object({
  webhook: WebhookSettings.extend({ secret: Secret.optional() }).optional(),
  splunk: SplunkSettings.extend({ token: z.string().min(1).max(512).optional() }).optional(),
  ocsf: OcsfSettings.optional(),
  syslog: SyslogSettings.optional(),
  maxAttempts: z.int().min(1).max(50).optional(),
  namesInPayloads: z.boolean().optional(),
});
export type IntegrationsUpdate = z.infer<typeof IntegrationsUpdate>;

/** What `GET /v1/integrations` shows: every setting but the secrets, which are only said to be set. */
export const IntegrationsView = z.object({
  webhook: WebhookSettings.omit({ secret: true }).extend({ secretSet: z.boolean() }).optional(),
  splunk: SplunkSettings.omit({ token: true }).extend({ tokenSet: z.boolean() }).optional(),
  ocsf: OcsfSettings.omit({ token: true }).extend({ tokenSet: z.boolean() }).optional(),
  syslog: SyslogSettings.optional(),
  maxAttempts: z.int(),
  namesInPayloads: z.boolean(),
});
export type IntegrationsView = z.infer<typeof IntegrationsView>;

export const DeadLetter = z.object({
  id: z.string(),
  integration: IntegrationKind,
  alertId: z.string(),
  attempts: z.int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

/** `POST /v1/dead-letters/retry`: the given dead letters, or all of them when `ids` is left out. */
export const DeadLetterRetry = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000).optional() });
export type DeadLetterRetry = z.infer<typeof DeadLetterRetry>;
