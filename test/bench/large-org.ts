import { rng } from './random';
import { generateOrg, type SyntheticEmployee } from './synthetic-org';

const CHUNK = 500;

/**
 * A large organisation (`employees` people, about `events` events) in chunks of 500 people, each thinned
 * at random to its share of the event budget, with ids unique across chunks. Used by risk-speed.ts and memory.ts.
 */
export function* largeOrganisation(employees: number, events: number): Generator<SyntheticEmployee[]> {
  const thin = rng(7);
  for (let chunk = 0; chunk < employees / CHUNK; chunk++) {
    const org = generateOrg(1000 + chunk, CHUNK);
    const total = org.employees.reduce((s, p) => s + p.events.length, 0);
    const keep = (events / (employees / CHUNK)) / total;
    for (const p of org.employees) {
      p.email = p.email.replace('@', `.${chunk}@`);
      // Each chunk's generator numbers its events from zero: make the ids unique across chunks.
      p.events = p.events.filter(() => thin.next() < keep).map((e) => ({ ...e, id: `${chunk.toString(16).padStart(8, '0')}${e.id.slice(8)}`, employee: p.email }));
    }
    yield org.employees;
  }
}
