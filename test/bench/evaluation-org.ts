import type { Event } from '../../shared/events';
import { internalOrg } from './internal-org-adapter';

/**
 * An organisation to evaluate the risk model on, whoever generated it: people with roles and time zones,
 * their events (sorted by `occurredAt`), HR signals, declared change windows, and the truth about each
 * person. The independent generator (test/bench/independent-org/, written from a behaviour specification
 * without reading server/risk/) exports exactly this shape as `IndependentOrg`.
 */
export interface EvaluationOrg {
  start: string;
  days: number;
  people: { email: string; department: string; jobTitle: string; manager?: string; timeZone: string; hiredOn?: string }[];
  events: Event[];
  hrSignals: { employeeEmail: string; kind: 'resignation_notice' | 'last_working_day' | 'termination'; effectiveDate: string }[];
  changeWindows: { employees: string[]; from: string; to: string; reason: string }[];
  truth: { email: string; label: 'leaker' | 'innocent' | 'new_hire' | 'resigner_clean' | 'change_window'; style?: string; noticeDate?: string; leakStart?: string }[];
}

export type Generator = 'internal' | 'independent';

/** The organisation of `seed` from either generator. The independent one may be absent from this checkout. */
export async function loadOrg(generator: Generator, seed: number, options: { people: number; days: number }): Promise<EvaluationOrg> {
  if (generator === 'internal') return internalOrg(seed, options);
  const path = './independent-org/index.ts';
  let module: { generateIndependentOrg?: (seed: number, options?: { people?: number; days?: number }) => EvaluationOrg };
  try {
    module = (await import(path)) as typeof module;
  } catch (error) {
    throw new Error(`the independent generator is not in this checkout (test/bench/independent-org/index.ts could not be loaded: ${(error as Error).message}); it lives on its own branch until merged`);
  }
  if (typeof module.generateIndependentOrg !== 'function') throw new Error('test/bench/independent-org/index.ts does not export generateIndependentOrg(seed, options)');
  return module.generateIndependentOrg(seed, options);
}

/** The organisation's events per person, in the order they were generated. */
export function eventsByEmployee(org: EvaluationOrg): Map<string, Event[]> {
  const byEmployee = new Map<string, Event[]>();
  for (const e of org.events) {
    const list = byEmployee.get(e.employee);
    if (list) list.push(e);
    else byEmployee.set(e.employee, [e]);
  }
  return byEmployee;
}
