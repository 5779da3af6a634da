import type { IndicatorAnomaly } from './anomaly';
import type { Indicator } from './indicators';

const PHRASES: Partial<Record<Indicator, (total: number) => string>> = {
  export_rows: (n) => `Exported ${plural(n, 'row')} from the CRM`,
  copy_contacts: (n) => `Copied ${plural(n, 'contact')} out of the CRM`,
  record_views: (n) => `Opened ${plural(n, 'distinct CRM record')}`,
  prints: (n) => `Printed or saved ${plural(n, 'CRM view')} as PDF`,
  uploads: (n) => `Uploaded ${plural(n, 'file')} to personal destinations`,
  upload_contacts: (n) => `Uploaded files holding ${plural(n, 'contact')} to personal destinations`,
  paste_contacts: (n) => `Pasted ${plural(n, 'contact')} into personal destinations`,
  after_hours: (n) => `${plural(n, 'CRM or upload action')} outside working hours`,
  over_limit_views: (n) => `Opened client records beyond the policy's record-view limit ${plural(n, 'time')}`,
};

/** "Exported 4,200 rows from the CRM; on 2026-11-01 14× this person's usual and 9× the sales group's." */
export function describeAnomaly(a: IndicatorAnomaly, group: string | undefined, since: string): string {
  const head = (PHRASES[a.indicator] ?? ((n: number) => `${a.indicator}: ${fmt(n)}`))(a.total);
  const peak = a.days.reduce((best, d) => (d.points > best.points ? d : best));
  const comparisons = [
    peak.timesOwn !== undefined && `${times(peak.timesOwn)} this person's usual`,
    peak.timesPeers !== undefined && `${times(peak.timesPeers)} the ${group ?? 'peer'} group's`,
  ].filter(Boolean);
  const when = a.days.length > 1 ? `; busiest day ${peak.day} (${fmt(peak.value)})` : ` on ${peak.day}`;
  return `${head} since ${since}${when}${comparisons.length ? `, ${comparisons.join(' and ')}` : ''}.`;
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
