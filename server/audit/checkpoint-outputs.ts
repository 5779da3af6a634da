import * as os from 'node:os';
import type { IntegrationsConfig } from '../../shared/integrations';
import { enabledKinds } from '../integrations/config';
import { postJson } from '../integrations/http';
import { OCSF_VERSION } from '../integrations/ocsf';
import { PRODUCT } from '../integrations/payload';
import { HEC_PATH } from '../integrations/splunk';
import { sendSyslog } from '../integrations/syslog';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../integrations/webhook';
import type { AuditCheckpoint } from './checkpoint';

/**
 * Sends a checkpoint to every enabled output, so a copy of the chain's head lives where the database's
 * administrators cannot reach it. Each output's failure is reported (and the file copy remains);
 * checkpoints are not queued for retry: the next one, minutes later, supersedes a lost one.
 */
export async function sendCheckpoint(config: IntegrationsConfig, checkpoint: AuditCheckpoint, now: Date): Promise<string[]> {
  const body = { type: 'audit.checkpoint', checkpoint };
  const sends = enabledKinds(config).map(async (kind): Promise<void> => {
    switch (kind) {
      case 'webhook': {
        const json = JSON.stringify(body);
        const timestamp = Math.floor(now.getTime() / 1000);
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
  });
  const results = await Promise.allSettled(sends);
  return results.flatMap((r, i) => (r.status === 'rejected' ? [`${enabledKinds(config)[i]}: ${(r.reason as Error).message}`] : []));
}
