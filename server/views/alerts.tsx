import type { AlertQuery } from '../../shared/api';
import { pseudonymId } from '../people/pseudonyms';
import type { Alert } from '../store/store';
import { LevelBadge } from './badges';
import { CsrfField, Layout, when, type Viewer } from './layout';

export const PATTERNS: Record<string, string> = {
  crm_contacts_exfiltrated: 'CRM contacts sent out',
  collection_then_exfiltration: 'Collected, then sent out',
  cumulative_exfiltration: 'Slow, cumulative exfiltration',
  departure_risk: 'Departure risk',
};

export interface QueueProps {
  viewer: Viewer;
  alerts: Alert[];
  query: Partial<AlertQuery>;
  stats: { confirmed: number; dismissed: number; effectiveness: number | null };
  name: (email: string) => string;
  pseudonymKey: string;
  error?: string;
  info?: string;
}

function Select(props: { id: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        <option value="">any</option>
        {props.options.map(([value, label]) => <option value={value} selected={props.value === value}>{label}</option>)}
      </select>
    </div>
  );
}

/** The security analyst's queue: filters, effectiveness, the alerts with a bulk dismiss. */
export function AlertQueuePage(props: QueueProps) {
  const { viewer, query, stats } = props;
  const csvQuery = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <Layout title="Alerts" viewer={viewer} current="/alerts">
      <h1>Alerts</h1>
      <div class="kpis" aria-label="Alert effectiveness">
        <div class="kpi"><span class="muted">Effectiveness</span><b>{stats.effectiveness === null ? '—' : `${Math.round(stats.effectiveness * 100)}%`}</b><span class="note">confirmed ÷ (confirmed + dismissed)</span></div>
        <div class="kpi"><span class="muted">Confirmed</span><b>{stats.confirmed}</b></div>
        <div class="kpi"><span class="muted">Dismissed</span><b>{stats.dismissed}</b></div>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.info && <p class="notice" role="status">{props.info}</p>}
      <section aria-labelledby="filter-heading">
        <h2 id="filter-heading">Filter</h2>
        <form class="filters" method="get" action="/alerts">
          <Select id="severity" label="Severity" value={query.severity} options={['critical', 'high', 'medium', 'low'].map((s) => [s, s])} />
          <Select id="status" label="Status" value={query.status} options={['open', 'investigating', 'confirmed', 'dismissed', 'resolved'].map((s) => [s, s])} />
          <Select id="pattern" label="Pattern" value={query.pattern} options={Object.entries(PATTERNS)} />
          <div><label for="from">Updated from</label><input id="from" name="from" type="date" value={query.from ?? ''} /></div>
          <div><label for="to">Updated to</label><input id="to" name="to" type="date" value={query.to ?? ''} /></div>
          <div><button type="submit">Apply</button> <a href="/alerts">Clear</a></div>
        </form>
      </section>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{props.alerts.length === 1 ? '1 alert' : `${props.alerts.length} alerts`}</h2>
        <p><a href={`/alerts.csv${csvQuery ? `?${csvQuery}` : ''}`}>Export these as CSV</a> <span class="note">(pseudonyms stay pseudonyms; the export is recorded in the audit log)</span></p>
        {props.alerts.length === 0 ? <p class="muted">No alerts match.</p> : (
          <form method="post" action="/alerts/dismiss">
            <CsrfField viewer={viewer} />
            <table class="stack-sm">
              <thead><tr><th><input type="checkbox" data-select-all aria-label="Select all alerts" /></th><th>Severity</th><th>Status</th><th>Employee</th><th>What happened</th><th>Assignee</th><th>Updated</th></tr></thead>
              <tbody>
                {props.alerts.map((a) => (
                  <tr>
                    <td><input type="checkbox" name="ids" value={a.id} id={`pick-${a.id}`} aria-label={`Select: ${a.title}`} /></td>
                    <td data-label="Severity"><LevelBadge level={a.severity} /></td>
                    <td data-label="Status"><span class="status">{a.status}</span></td>
                    <td data-label="Employee"><a href={`/employees/${pseudonymId(props.pseudonymKey, a.employee)}`}>{props.name(a.employee)}</a></td>
                    <td data-label="What happened"><a href={`/alerts/${a.id}`}>{a.title}</a><br /><span class="note">{PATTERNS[a.pattern] ?? a.pattern}</span></td>
                    <td data-label="Assignee">{a.assignee ?? <span class="muted">nobody</span>}</td>
                    <td data-label="Updated">{when(a.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="filters">
              <div><label for="bulk-reason">Reason for dismissing the selected alerts</label><input id="bulk-reason" name="reason" maxlength={2000} /></div>
              <div><button type="submit" class="secondary">Dismiss selected</button></div>
            </div>
          </form>
        )}
      </section>
    </Layout>
  );
}
