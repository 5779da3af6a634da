import { randomUUID } from 'node:crypto';
import type { AlertStatus } from '../../shared/api';
import { recordAudit } from '../audit/audit';
import { announceAlert } from '../integrations/announce';
import { ApiError } from '../http/errors';
import type { Services } from '../env';
import type { Alert, AlertChange } from '../store/store';

/**
 * The triage workflow: open → investigating → confirmed | dismissed → resolved. An alert may be decided
 * straight from open; a decided or resolved alert may be reopened when it was wrong.
 */
export const NEXT_STATUSES: Record<AlertStatus, AlertStatus[]> = {
  open: ['investigating', 'confirmed', 'dismissed'],
  investigating: ['open', 'confirmed', 'dismissed'],
  confirmed: ['resolved', 'open'],
  dismissed: ['resolved', 'open'],
  resolved: ['open'],
};

const isOpen = (status: string) => status === 'open' || status === 'investigating';

/** Confirmed ÷ (confirmed + dismissed): how often an alert that was decided was real. Undefined before any decision. */
export function effectiveness(counts: Record<string, number>) {
  const confirmed = counts.confirmed ?? 0;
  const dismissed = counts.dismissed ?? 0;
  return { confirmed, dismissed, effectiveness: confirmed + dismissed === 0 ? null : confirmed / (confirmed + dismissed) };
}

export async function changeAlert(services: Services, actor: string, id: string, change: AlertChange): Promise<Alert> {
  const { store, now } = services;
  const current = await store.alert(id);
  if (!current) throw new ApiError(404, 'not_found', `no alert ${id}`);
  if (change.status && change.status !== current.status) {
    if (!NEXT_STATUSES[current.status].includes(change.status)) {
      throw new ApiError(409, 'invalid_transition', `an alert that is ${current.status} can become ${NEXT_STATUSES[current.status].join(' or ')}, not ${change.status}`, { allowed: NEXT_STATUSES[current.status] });
    }
    if (change.status === 'dismissed' && !change.reason?.trim()) throw new ApiError(400, 'invalid_input', 'reason: dismissing an alert needs a reason');
    if (isOpen(change.status) && !isOpen(current.status)) {
      // One open case per person: reopening beside another would split the incident again.
      const others = await store.listAlerts({ employee: current.employee });
      const open = others.find((a) => a.id !== current.id && isOpen(a.status));
      if (open) throw new ApiError(409, 'conflict', `alert ${open.id} is already open for this employee; add to it instead`, { openAlertId: open.id });
    }
  }
  const updated = await store.updateAlert(current.id, change, now().toISOString());
  if (!updated) throw new ApiError(404, 'not_found', `no alert ${id}`);
  await recordAudit(services, actor, 'alert.update', `alert:${id}`, { from: current.status, ...change });
  await announceAlert(store, updated, now());
  return updated;
}

/** Dismisses each alert that may be dismissed; the others are reported, not failed, so one stale row does not undo the rest. */
export async function bulkDismiss(services: Services, actor: string, ids: readonly string[], reason: string) {
  const { changed, skipped } = await bulkChange(services, actor, ids, { status: 'dismissed', reason });
  return { dismissed: changed, skipped };
}

/**
 * The same change (status, assignee, reason) to each alert that allows it, each audited as one
 * `alert.update`; the others are reported, not failed, so one stale row does not undo the rest.
 */
export async function bulkChange(services: Services, actor: string, ids: readonly string[], change: AlertChange) {
  const changed: string[] = [];
  const skipped: { id: string; message: string }[] = [];
  for (const id of ids) {
    try {
      await changeAlert(services, actor, id, change);
      changed.push(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      skipped.push({ id, message: error.message });
    }
  }
  return { changed, skipped };
}

export async function addNote(services: Services, author: string, alertId: string, body: string) {
  if (!(await services.store.alert(alertId))) throw new ApiError(404, 'not_found', `no alert ${alertId}`);
  const note = { id: randomUUID(), alertId, author, body, createdAt: services.now().toISOString() };
  await services.store.addAlertNote(note);
  // The note's length, not its words: the audit log is read more widely than the case.
  await recordAudit(services, author, 'alert.note', `alert:${alertId}`, { noteId: note.id, characters: body.length });
  return note;
}
