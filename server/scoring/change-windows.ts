import { randomUUID } from 'node:crypto';
import type { Services } from '../env';
import { recordAudit } from '../audit/audit';
import { ApiError } from '../http/errors';
import { scoringSettings } from '../policy/policy';
import type { ChangeWindowInput } from '../risk/change-windows';
import type { ChangeWindowRecord } from '../store/store';
import { rescoreEmployees } from './rescore';

/** Each employee's declared windows. */
export function windowsByEmployee(records: readonly ChangeWindowRecord[]): Map<string, ChangeWindowInput[]> {
  const result = new Map<string, ChangeWindowInput[]>();
  for (const w of records) {
    for (const employee of w.employees) {
      const list = result.get(employee);
      const window = { from: w.from, to: w.to, reason: w.reason };
      if (list) list.push(window);
      else result.set(employee, [window]);
    }
  }
  return result;
}

export interface ChangeWindowDeclaration {
  employees: string[];
  from: string;
  to: string;
  reason: string;
}

/** Records a window (audited, with who declared it and why) and rescores its people at once. */
export async function declareChangeWindow(services: Services, actor: string, input: ChangeWindowDeclaration): Promise<ChangeWindowRecord> {
  if (input.to < input.from) throw new ApiError(400, 'invalid_input', 'the window ends before it starts', { fields: [{ path: 'to', message: 'before from' }] });
  const { store, now } = services;
  const window: ChangeWindowRecord = {
    id: randomUUID(),
    employees: [...new Set(input.employees.map((e) => e.toLowerCase()))].sort(),
    from: input.from,
    to: input.to,
    reason: input.reason,
    createdBy: actor,
    createdAt: now().toISOString(),
  };
  await store.addChangeWindow(window);
  await recordAudit(services, actor, 'change_window.declare', window.id, { employees: window.employees, from: window.from, to: window.to, reason: window.reason });
  const known = new Set(await store.knownEmployees());
  const touched = window.employees.filter((e) => known.has(e));
  if (touched.length > 0) await rescoreEmployees(store, touched, now(), await scoringSettings(store, services.secrets.fingerprintSalt));
  return window;
}
