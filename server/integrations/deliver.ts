import type { IntegrationsConfig } from '../../shared/integrations';
import type { OutboxEntry } from '../store/outbox';
import { isCheckpointPayload, sendCheckpointTo } from '../audit/checkpoint-outputs';
import { syslogLine } from './cef';
import { DeliveryError } from './http';
import { sendOcsf } from './ocsf';
import type { AlertPayload } from './payload';
import { sendSplunk } from './splunk';
import { sendSyslog } from './syslog';
import { sendWebhook } from './webhook';

/** Sends one outbox entry (an alert's state, or an audit checkpoint) with the integration's current settings; throws when it was not delivered. */
export async function deliver(entry: OutboxEntry, config: IntegrationsConfig, now: Date): Promise<void> {
  const parsed = JSON.parse(entry.payload) as unknown;
  if (isCheckpointPayload(parsed)) {
    enabled(config[entry.integration], entry);
    return sendCheckpointTo(entry.integration, config, parsed.checkpoint, now);
  }
  const payload = parsed as AlertPayload;
  switch (entry.integration) {
    case 'webhook':
      return sendWebhook(enabled(config.webhook, entry), entry.id, payload, now);
    case 'splunk':
      return sendSplunk(enabled(config.splunk, entry), entry.id, payload);
    case 'ocsf':
      return sendOcsf(enabled(config.ocsf, entry), payload);
    case 'syslog': {
      const settings = enabled(config.syslog, entry);
      return sendSyslog(settings, syslogLine(payload, settings.format, now));
    }
  }
}

/** Thrown for an entry whose integration was removed or disabled since it was queued: retrying cannot help. */
export class IntegrationGone extends DeliveryError {}

function enabled<T extends { enabled: boolean }>(settings: T | undefined, entry: OutboxEntry): T {
  if (!settings?.enabled) throw new IntegrationGone(`the ${entry.integration} integration is ${settings ? 'disabled' : 'not configured'}; retry once it is enabled`);
  return settings;
}
