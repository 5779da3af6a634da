import { createHash } from 'node:crypto';
import type { Alert } from '../store/store';
import type { EvidenceEvent } from '../store/outbox';

/** What every integration receives about one change of an alert; stored as JSON in the outbox. */
export interface AlertPayload {
  /** `create` the first time an alert is announced, `close` once it is confirmed, dismissed or resolved. */
  activity: 'create' | 'update' | 'close';
  alert: Alert;
  /** The uploads to personal destinations behind the alert (OCSF sends each as File Hosting Activity). */
  uploads: EvidenceEvent[];
}

export const PRODUCT = { name: 'crm-guard', vendor: 'crm-guard', version: '0.1.0' } as const;

export function isClosed(status: string): boolean {
  return status !== 'open' && status !== 'investigating';
}

/**
 * What makes an alert worth announcing again: its status, severity, assignee and evidence. Not the
 * title, whose score figure changes on every rescore and would flood the SIEM with identical alerts.
 */
export function alertDigest(alert: Alert): string {
  const state = [alert.status, alert.severity, alert.assignee ?? '', [...alert.eventIds].sort(), [...alert.triggerIds].sort()];
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}

/** Severity as the 0–10 scale CEF uses. */
export const CEF_SEVERITY: Record<Alert['severity'], number> = { low: 3, medium: 5, high: 8, critical: 10 };
