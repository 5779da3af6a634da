import { IntegrationsConfig, INTEGRATION_KINDS, type IntegrationKind, type IntegrationsUpdate, type IntegrationsView } from '../../shared/integrations';
import { ApiError } from '../http/errors';
import type { Store } from '../store/store';

const INTEGRATIONS_KEY = 'integrations';

export async function loadIntegrations(store: Store): Promise<IntegrationsConfig> {
  const stored = await store.getSetting(INTEGRATIONS_KEY);
  return IntegrationsConfig.parse(stored ? JSON.parse(stored) : {});
}

/** The kinds that receive alerts now. */
export function enabledKinds(config: IntegrationsConfig): IntegrationKind[] {
  return INTEGRATION_KINDS.filter((kind) => config[kind]?.enabled);
}

/**
 * Replaces the configuration. A secret left out keeps the stored one; a new section must bring its
 * secret. A section left out is removed.
 */
export async function saveIntegrations(store: Store, update: IntegrationsUpdate): Promise<IntegrationsConfig> {
  const current = await loadIntegrations(store);
  const secret = update.webhook && (update.webhook.secret ?? current.webhook?.secret);
  const token = update.splunk && (update.splunk.token ?? current.splunk?.token);
  if (update.webhook && !secret) throw missing('webhook.secret', 'a new webhook needs its signing secret (16+ characters)');
  if (update.splunk && !token) throw missing('splunk.token', 'a new Splunk HEC integration needs its token');
  const next = IntegrationsConfig.parse({
    ...update,
    webhook: update.webhook && { ...update.webhook, secret },
    splunk: update.splunk && { ...update.splunk, token },
  });
  await store.setSetting(INTEGRATIONS_KEY, JSON.stringify(next));
  return next;
}

/** The configuration without its secrets, for GET. */
export function integrationsView(config: IntegrationsConfig): IntegrationsView {
  const { webhook, splunk, ocsf, syslog, maxAttempts, namesInPayloads } = config;
  return {
    ...(webhook ? { webhook: { enabled: webhook.enabled, url: webhook.url, secretSet: Boolean(webhook.secret) } } : {}),
    ...(splunk ? { splunk: { enabled: splunk.enabled, url: splunk.url, index: splunk.index, sourcetype: splunk.sourcetype, tokenSet: Boolean(splunk.token) } } : {}),
    ...(ocsf ? { ocsf: { enabled: ocsf.enabled, url: ocsf.url, tokenSet: Boolean(ocsf.token) } } : {}),
    ...(syslog ? { syslog } : {}),
    maxAttempts,
    namesInPayloads,
  };
}

function missing(path: string, message: string) {
  return new ApiError(400, 'invalid_input', `${path}: ${message}`, { fields: [{ path, message }] });
}
