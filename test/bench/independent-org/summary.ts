/**
 * Counts per seed of the independent organisation: people by role and label, leakers by style, events by
 * type. No scoring. Run: `npx tsx test/bench/independent-org/summary.ts [seed…] [--people=N] [--days=N]`.
 */
import { generateIndependentOrg, type IndependentOrg } from './index';

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function print(title: string, counts: Record<string, number>): void {
  console.log(`  ${title}`);
  for (const [name, n] of Object.entries(counts)) console.log(`    ${name.padEnd(34)} ${String(n).padStart(7)}`);
}

function summarise(seed: number, org: IndependentOrg, ms: number): void {
  console.log(`seed ${seed}: ${org.people.length} people, ${org.days} days from ${org.start}, ${org.events.length} events (${ms} ms)`);
  const roleOf = new Map(org.people.map((p) => [p.email, p.role]));
  print('people by role', countBy(org.people, (p) => p.role));
  print('people by label', countBy(org.truth, (t) => t.label));
  print('people by role and label (other than innocent)', countBy(org.truth.filter((t) => t.label !== 'innocent'), (t) => `${roleOf.get(t.email)} / ${t.label}`));
  print('leakers by style (then each: role, notice, leak start)', countBy(org.truth.filter((t) => t.style), (t) => t.style!));
  for (const t of org.truth.filter((t) => t.style)) console.log(`    ${t.style!.padEnd(22)} ${roleOf.get(t.email)!.padEnd(20)} notice ${t.noticeDate ?? '—'.padEnd(10)} leak from ${t.leakStart}`);
  print('HR signals', countBy(org.hrSignals, (s) => s.kind));
  console.log(`  change windows: ${org.changeWindows.map((w) => `${w.reason} (${w.employees.length} people, ${w.from.slice(0, 10)} → ${w.to.slice(0, 10)})`).join('; ') || 'none'}`);
  print('events by type', countBy(org.events, (e) => e.type));
  print('events by role', countBy(org.events, (e) => roleOf.get(e.employee) ?? '?'));
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : undefined;
};
const seeds = args.filter((a) => !a.startsWith('--')).map(Number);
for (const seed of seeds.length ? seeds : [1]) {
  const started = Date.now();
  const org = generateIndependentOrg(seed, { people: option('people'), days: option('days') });
  summarise(seed, org, Date.now() - started);
}
