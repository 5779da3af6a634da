import type { AlertQuery } from '../../shared/api';
import { pseudonymId } from '../people/pseudonyms';
import type { Alert } from '../store/store';
import { LevelBadge } from './badges';
import { between } from './duration';
import { Pager } from './pager';
import { CsrfField, Layout, when, type Viewer } from './layout';

export const PATTERNS: Record<string, string> = {
  crm_contacts_exfiltrated: 'CRM contacts sent out',
  collection_then_exfiltration: 'Collected, then sent out',
  cumulative_exfiltration: 'Slow, cumulative exfiltration',
  departure_risk: 'Departure risk',
};

/** Alerts on one page of the queue; the rest are pages away, every filter kept. */
export const QUEUE_PAGE = 100;

export interface QueueProps {
  viewer: Viewer;
  /** One page of the queue (`page`, from 1) and how many alerts match in all. */
  alerts: Alert[];
  total: number;
  page: number;
  query: Partial<AlertQuery>;
  stats: { confirmed: number; dismissed: number; effectiveness: number | null };
  name: (email: string) => string;
  pseudonymKey: string;
  /** Console accounts an alert can be assigned to. */
  assignees: string[];
  now: Date;
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

type SortKey = NonNullable<AlertQuery['sort']>;

/** A column heading that sorts the queue by it, keeping the filters; a second click reverses it. */
function SortHeader(props: { label: string; sort: SortKey; query: Partial<AlertQuery> }) {
  const current = (props.query.sort ?? 'severity') === props.sort;
  const dir = current && props.query.dir !== 'asc' ? 'asc' : 'desc';
  const href = `/alerts?${queryString({ ...props.query, sort: props.sort, dir })}`;
  const state = !current ? undefined : props.query.dir === 'asc' ? 'ascending' : 'descending';
  return <th aria-sort={state}><a href={href}>{props.label}{current ? (state === 'ascending' ? ' ▲' : ' ▼') : ''}</a></th>;
}

function queryString(query: Partial<AlertQuery>) {
  return new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
}

/** Bulk actions on the ticked alerts: assign to a console account, change the status, dismiss with a reason. */
function BulkActions(props: { assignees: string[] }) {
  return (
    <fieldset class="filters">
      <legend class="note">With the selected alerts:</legend>
      <div>
        <label for="bulk-assignee">Assignee</label>
        <select id="bulk-assignee" name="assignee">
          <option value="">nobody</option>
          {props.assignees.map((a) => <option value={a}>{a}</option>)}
        </select>
      </div>
      <div><button type="submit" name="action" value="assign" class="secondary">Assign</button></div>
      <div>
        <label for="bulk-status">Status</label>
        <select id="bulk-status" name="status">{['investigating', 'confirmed', 'resolved', 'open'].map((s) => <option value={s}>{s}</option>)}</select>
      </div>
      <div><button type="submit" name="action" value="status" class="secondary">Set status</button></div>
      <div><label for="bulk-reason">Reason (needed to dismiss)</label><input id="bulk-reason" name="reason" maxlength={2000} /></div>
      <div><button type="submit" name="action" value="dismiss" class="secondary">Dismiss</button></div>
    </fieldset>
  );
}

/**
 * The security analyst's queue: by severity, then score, unless a column heading says otherwise; every
 * filter and the order live in the URL, so a view can be bookmarked and shared. Age is since the alert
 * was raised; time to triage is until its status first changed.
 */
export function AlertQueuePage(props: QueueProps) {
  const { viewer, query, stats, now } = props;
  const csvQuery = queryString(query);
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
          {query.sort && <input type="hidden" name="sort" value={query.sort} />}
          {query.dir && <input type="hidden" name="dir" value={query.dir} />}
          <div><button type="submit">Apply</button> <a href="/alerts">Clear</a></div>
        </form>
      </section>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{props.total === 1 ? '1 alert' : `${props.total.toLocaleString('en')} alerts`}</h2>
        <p><a href={`/alerts.csv${csvQuery ? `?${csvQuery}` : ''}`}>Export these as CSV</a> <span class="note">(pseudonyms stay pseudonyms; the export is recorded in the audit log)</span></p>
        {props.alerts.length === 0 ? <p class="muted">No alerts match.</p> : (
          <form method="post" action="/alerts/bulk">
            <CsrfField viewer={viewer} />
            <input type="hidden" name="back" value={queryString(query)} />
            <table class="stack-sm">
              <thead><tr>
                <th><input type="checkbox" data-select-all aria-label="Select all alerts" /></th>
                <SortHeader label="Severity" sort="severity" query={query} />
                <SortHeader label="Score" sort="score" query={query} />
                <SortHeader label="Status" sort="status" query={query} />
                <th>Employee</th><th>What happened</th>
                <SortHeader label="Assignee" sort="assignee" query={query} />
                <SortHeader label="Age" sort="age" query={query} />
                <th>Time to triage</th>
                <SortHeader label="Updated" sort="updated" query={query} />
              </tr></thead>
              <tbody>
                {props.alerts.map((a) => (
                  <tr>
                    <td><input type="checkbox" name="ids" value={a.id} id={`pick-${a.id}`} aria-label={`Select: ${a.title}`} /></td>
                    <td data-label="Severity"><LevelBadge level={a.severity} /></td>
                    <td data-label="Score" class="num">{a.score === null ? <span class="muted">—</span> : Math.round(a.score)}</td>
                    <td data-label="Status"><span class="status">{a.status}</span></td>
                    <td data-label="Employee"><a href={`/employees/${pseudonymId(props.pseudonymKey, a.employee)}`}>{props.name(a.employee)}</a></td>
                    <td data-label="What happened"><a href={`/alerts/${a.id}`}>{a.title}</a><br /><span class="note">{a.patterns.map((p) => PATTERNS[p.pattern] ?? p.pattern).join(' · ')}</span></td>
                    <td data-label="Assignee">{a.assignee ?? <span class="muted">nobody</span>}</td>
                    <td data-label="Age" class="num">{between(a.createdAt, now)}</td>
                    <td data-label="Time to triage" class="num">{a.triagedAt ? between(a.createdAt, a.triagedAt) : <span class="muted">not yet</span>}</td>
                    <td data-label="Updated">{when(a.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <BulkActions assignees={props.assignees} />
          </form>
        )}
        <Pager label="Pages of the queue" page={props.page} pages={Math.ceil(props.total / QUEUE_PAGE)} perPage={QUEUE_PAGE}
          href={(page) => `/alerts?${queryString({ ...query, ...(page > 1 && { page: String(page) }) } as Partial<AlertQuery>)}`} />
      </section>
    </Layout>
  );
}
