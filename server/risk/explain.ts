import type { IndicatorAnomaly } from './anomaly';
import type { Indicator } from './indicators';

const PHRASES: Partial<Record<Indicator, (total: string) => string>> = {
  export_rows: (n) => `Exported ${n} rows from the CRM`,
  copy_contacts: (n) => `Copied ${n} contacts out of the CRM`,
  record_views: (n) => `Opened ${n} distinct CRM records`,
  prints: (n) => `Printed or saved ${n} CRM views as PDF`,
  uploads: (n) => `Uploaded ${n} files to personal destinations`,
  upload_contacts: (n) => `Uploaded files holding ${n} contacts to personal destinations`,
  paste_contacts: (n) => `Pasted ${n} contacts into personal destinations`,
  after_hours: (n) => `${n} CRM or upload actions outside working hours`,
};

/** "Exported 4,200 rows from the CRM; on 2026-11-01 14× this person's usual and 9× the sales group's." */
export function describeAnomaly(a: IndicatorAnomaly, group: string | undefined): string {
  const head = (PHRASES[a.indicator] ?? ((n: string) => `${a.indicator}: ${n}`))(fmt(a.total));
  const peak = a.days.reduce((best, d) => (d.points > best.points ? d : best));
  const comparisons = [
    peak.timesOwn !== undefined && `${times(peak.timesOwn)} this person's usual`,
    peak.timesPeers !== undefined && `${times(peak.timesPeers)} the ${group ?? 'peer'} group's`,
  ].filter(Boolean);
  const when = a.days.length > 1 ? `; busiest day ${peak.day} (${fmt(peak.value)})` : ` on ${peak.day}`;
  return `${head} in the last 30 days${when}${comparisons.length ? `, ${comparisons.join(' and ')}` : ''}.`;
}

export function times(x: number): string {
  return `${x >= 10 ? Math.round(x) : Math.round(x * 10) / 10}×`;
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}
