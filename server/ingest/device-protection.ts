import type { AgentTamperEvent } from '../../shared/events';
import type { DeviceRecord } from '../store/devices';
import type { Store } from '../store/store';

export type DeviceStatus = 'active' | 'silent' | 'uninstalled';

/** Whether a device still reports: removed, silent for longer than the policy allows, or active. */
export function deviceStatus(device: DeviceRecord, now: Date, silentAfterHours: number): DeviceStatus {
  if (device.uninstalledAt) return 'uninstalled';
  const heard = Date.parse(device.lastSeenAt ?? device.enrolledAt);
  return now.getTime() - heard > silentAfterHours * 3_600_000 ? 'silent' : 'active';
}

/** The most recent signals shown per employee or device: enough to see a pattern, not a log. */
const SHOWN = 20;

export interface ProtectionSignal {
  deviceId: string;
  occurredAt: string;
  signal: AgentTamperEvent['signal'];
  detail: string;
}

export interface DeviceCoverageRow {
  id: string;
  name: string | null;
  extensionVersion: string | null;
  lastSeenAt: string | null;
  status: DeviceStatus;
}

/**
 * What the console shows about whether an employee's evidence can be trusted: their devices (a removed or
 * silent one sees nothing) and the tamper signals the extension sent (forged channel messages, a
 * measurement that disagreed with the saved file, changes of identity or server, a detector that failed).
 */
export async function employeeProtection(store: Store, employee: string, now: Date, silentAfterHours: number) {
  const [devices, stored] = await Promise.all([store.listDevices(employee), store.listEvents({ employee, type: 'agent.tamper', limit: SHOWN })]);
  return {
    devices: devices.map((d): DeviceCoverageRow => ({ id: d.id, name: d.name, extensionVersion: d.extensionVersion, lastSeenAt: d.lastSeenAt, status: deviceStatus(d, now, silentAfterHours) })),
    signals: toSignals(stored),
  };
}

/** Each device's latest tamper signals, for the device list. */
export async function signalsByDevice(store: Store, employee?: string): Promise<Map<string, ProtectionSignal[]>> {
  const stored = await store.listEvents({ ...(employee && { employee }), type: 'agent.tamper', limit: 1000 });
  const byDevice = new Map<string, ProtectionSignal[]>();
  for (const signal of toSignals(stored)) {
    const list = byDevice.get(signal.deviceId) ?? [];
    if (list.length < SHOWN) list.push(signal);
    byDevice.set(signal.deviceId, list);
  }
  return byDevice;
}

function toSignals(stored: Awaited<ReturnType<Store['listEvents']>>): ProtectionSignal[] {
  return stored.flatMap(({ event, deviceId }) => (event.type === 'agent.tamper' ? [{ deviceId, occurredAt: event.occurredAt, signal: event.signal, detail: event.detail }] : []));
}
