import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Event } from '../../shared/events';
import { bodyAndFacts } from './activity';
import type { Database } from './schema';
import type { Device } from './store';

/** A device as the coverage view shows it (`GET /v1/devices`). */
export interface DeviceRecord extends Device {
  uninstalledAt: string | null;
  incognitoAllowed: boolean | null;
  noticeAcknowledgedAt: string | null;
}

/** What the latest heartbeat or acknowledgement says about a device. */
export interface DeviceCoverageUpdate {
  extensionVersion?: string;
  incognitoAllowed?: boolean;
  noticeAcknowledgedAt?: string;
}

/** What a batch changes on its device: when it was last seen (written about once a minute) and its coverage. */
export interface DeviceTouch {
  lastSeenAt?: string;
  coverage?: DeviceCoverageUpdate;
}

/**
 * Several batches' device changes in a statement or two instead of two per batch: the devices seen go to
 * the latest of their times (batches written together arrive milliseconds apart; silence is counted in
 * hours), and devices reporting the same coverage change (a new version rolling out) share one update.
 * A device in several of the batches ends with what its last batch said. A last-seen time never moves
 * back, whichever of two concurrent writes lands last.
 */
export async function touchDevices(db: Kysely<Database> | Transaction<Database>, touches: readonly { deviceId: string; touch?: DeviceTouch }[]): Promise<void> {
  const seen = new Set<string>();
  let latest = '';
  const coverageOf = new Map<string, DeviceCoverageUpdate>();
  for (const { deviceId, touch } of touches) {
    if (touch?.lastSeenAt) {
      seen.add(deviceId);
      if (touch.lastSeenAt > latest) latest = touch.lastSeenAt;
    }
    if (touch?.coverage) coverageOf.set(deviceId, { ...coverageOf.get(deviceId), ...definedOnly(touch.coverage) });
  }
  const shapes = new Map<string, { set: ReturnType<typeof coverageColumns>; ids: string[] }>();
  for (const [deviceId, coverage] of coverageOf) {
    const set = coverageColumns(coverage);
    if (Object.keys(set).length === 0) continue;
    const key = JSON.stringify(set);
    const shape = shapes.get(key) ?? { set, ids: [] };
    shape.ids.push(deviceId);
    shapes.set(key, shape);
  }
  if (seen.size > 0) {
    await db.updateTable('devices').set({ last_seen_at: latest }).where('id', 'in', [...seen].sort())
      .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', latest)])).execute();
  }
  for (const { set, ids } of shapes.values()) await db.updateTable('devices').set(set).where('id', 'in', ids.sort()).execute();
}

function definedOnly(update: DeviceCoverageUpdate): DeviceCoverageUpdate {
  return Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
}

function coverageColumns(update: DeviceCoverageUpdate) {
  return {
    ...(update.extensionVersion !== undefined && { extension_version: update.extensionVersion }),
    ...(update.incognitoAllowed !== undefined && { incognito_allowed: update.incognitoAllowed ? 1 : 0 }),
    ...(update.noticeAcknowledgedAt !== undefined && { notice_acknowledged_at: update.noticeAcknowledgedAt }),
  };
}

/** The stored hash of a device's token, which its uninstall proof is derived from. */
export async function deviceTokenHash(db: Kysely<Database>, id: string): Promise<string | undefined> {
  return (await db.selectFrom('devices').select('token_hash').where('id', '=', id).executeTakeFirst())?.token_hash;
}

/** Records the removal; the first report's time is kept. */
export async function recordUninstall(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('devices').set({ uninstalled_at: at }).where('id', '=', id).where('uninstalled_at', 'is', null).execute();
}

export async function listDevices(db: Kysely<Database>, employee?: string): Promise<DeviceRecord[]> {
  let q = db.selectFrom('devices').selectAll();
  if (employee) q = q.where('employee', '=', employee);
  const rows = await q.orderBy('employee').orderBy('enrolled_at').execute();
  return rows.map(toDeviceRecord);
}

/** The device whose token hashes to `tokenHash`. */
export async function deviceByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<DeviceRecord | undefined> {
  const row = await db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toDeviceRecord(row);
}

export function toDeviceRecord(r: Selectable<Database['devices']>): DeviceRecord {
  return {
    id: r.id,
    employee: r.employee,
    name: r.name,
    extensionVersion: r.extension_version,
    enrolledAt: r.enrolled_at,
    lastSeenAt: r.last_seen_at,
    uninstalledAt: r.uninstalled_at ?? null,
    incognitoAllowed: r.incognito_allowed === null || r.incognito_allowed === undefined ? null : Number(r.incognito_allowed) === 1,
    noticeAcknowledgedAt: r.notice_acknowledged_at ?? null,
  };
}

/**
 * Attaches an employee's justification to the upload, paste or record view beyond the limit it explains (same employee only); returns
 * whether there was such an event. The stored body and facts both carry it, so every reader sees it.
 */
export async function attachJustification(db: Kysely<Database>, employee: string, eventId: string, justification: string): Promise<boolean> {
  const row = await db.selectFrom('events').select('body').where('id', '=', eventId).where('employee', '=', employee)
    .where('type', 'in', ['webmail.upload', 'webmail.paste', 'crm.record_view']).executeTakeFirst();
  if (!row) return false;
  const event = { ...(JSON.parse(row.body) as Event), justification } as Event;
  await db.updateTable('events').set(bodyAndFacts(event)).where('id', '=', eventId).execute();
  return true;
}
