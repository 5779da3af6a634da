import * as os from 'node:os';
import type { IntegrationKind, IntegrationsConfig } from '../../shared/integrations';
import { wakeDispatcher } from '../integrations/announce';
import { enabledKinds, loadIntegrations } from '../integrations/config';
import type { Store } from '../store/store';
import { postJson } from '../integrations/http';
import { OCSF_VERSION } from '../integrations/ocsf';
import { PRODUCT } from '../integrations/payload';
import { HEC_PATH } from '../integrations/splunk';
import { sendSyslog } from '../integrations/syslog';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../integrations/webhook';
import type { AuditCheckpoint } from './checkpoint';

/** The outbox's subject column for a checkpoint's deliveries, so dead letters say what they are. */
export const CHECKPOINT_SUBJECT = (seq: number) => `audit-checkpoint:${seq}`;

/** What every output receives for a checkpoint; stored as JSON in the outbox. */
export interface CheckpointPayload {
  type: 'audit.checkpoint';
  checkpoint: AuditCheckpoint;
}

export function isCheckpointPayload(payload: unknown): payload is CheckpointPayload {
  return typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'audit.checkpoint';
}

/**
 * Queues a checkpoint for every enabled output in the delivery outbox, so a copy of the chain's head
 * reaches where the database's administrators cannot, even if the receiver is down when it is taken: the
 * dispatcher retries with backoff, as it does alerts, and a delivery that fails too often is a dead
 * letter an administrator can retry. Returns the outputs it was queued for.
 */
export async function queueCheckpoint(store: Store, checkpoint: AuditCheckpoint, now: Date): Promise<IntegrationKind[]> {
  const kinds = enabledKinds(await loadIntegrations(store));
  if (kinds.length === 0) return [];
  const payload = JSON.stringify({ type: 'audit.checkpoint', checkpoint } satisfies CheckpointPayload);
  await store.outbox.add(CHECKPOINT_SUBJECT(checkpoint.seq), kinds.map((integration) => ({ integration, payload })), now.toISOString());
  wakeDispatcher(store);
  return kinds;
}

/** Sends a checkpoint to one output (the dispatcher calls this for a queued checkpoint); throws when it was not delivered. */
export async function sendCheckpointTo(kind: IntegrationKind, config: IntegrationsConfig, checkpoint: AuditCheckpoint, now: Date): Promise<void> {
  const body = { type: 'audit.checkpoint', checkpoint };
  switch (kind) {
    case 'webhook': {
      const json = JSON.stringify(body);
      const timestamp = Math.floor(now.getTime() / 1000);
      // The same id on every attempt, so a receiver that got a retried checkpoint twice can tell.
      const id = `checkpoint-${checkpoint.seq}`;
      await postJson(config.webhook!.url, json, { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(config.webhook!.secret, timestamp, json), [DELIVERY_HEADER]: id });
      return;
    }
    case 'splunk': {
      const { url, token, index, sourcetype } = config.splunk!;
      const hec = { time: Date.parse(checkpoint.at) / 1000, host: os.hostname(), source: 'crm-guard', sourcetype, ...(index ? { index } : {}), event: body };
      await postJson(new URL(HEC_PATH.slice(1), url.endsWith('/') ? url : `${url}/`).toString(), JSON.stringify(hec), { authorization: `Splunk ${token}` });
      return;
    }
    case 'ocsf': {
      // OCSF's Base Event (class 0): a checkpoint fits no specific class; the fields travel as `unmapped`.
      const event = {
        class_uid: 0, class_name: 'Base Event', category_uid: 0, category_name: 'Uncategorized', activity_id: 0, type_uid: 0, severity_id: 1, severity: 'Informational',
        time: Date.parse(checkpoint.at), message: `crm-guard audit checkpoint at record ${checkpoint.seq}`,
        metadata: { version: OCSF_VERSION, uid: `checkpoint-${checkpoint.seq}`, product: { name: PRODUCT.name, vendor_name: PRODUCT.vendor, version: PRODUCT.version } },
        unmapped: { crmguard: { auditCheckpoint: checkpoint } },
      };
      await postJson(config.ocsf!.url, JSON.stringify([event]), config.ocsf!.token ? { authorization: `Bearer ${config.ocsf!.token}` } : {});
      return;
    }
    case 'syslog': {
      const settings = config.syslog!;
      const line = settings.format === 'rfc5424'
        ? `<110>1 ${checkpoint.at} ${os.hostname()} crm-guard ${process.pid} audit-checkpoint - ${JSON.stringify(checkpoint)}`
        : `<110>${checkpoint.at} ${os.hostname()} crm-guard: audit-checkpoint ${JSON.stringify(checkpoint)}`;
      await sendSyslog(settings, line);
      return;
    }
  }
}
