import { EVENT_TYPES } from '../../shared/events';
import { Layout, when, type Viewer } from './layout';
import type { ActivityCharts } from './activity-volume';
import { StackedVolumeChart } from './stacked-volume-chart';

export interface ActivityRow {
  id: string;
  occurredAt: string;
  type: string;
  person: string;
  pid: string;
  description: string;
  /** The alerts this event is evidence in. */
  alerts: { id: string; title: string }[];
}

export interface ActivityFilter {
  employee?: string;
  type?: string;
  crm?: string;
  destination?: string;
  from?: string;
  until?: string;
}

/**
 * Every event, outside any alert: one person's (`employee`, a pseudonym id) or everyone's, filtered by
 * type, CRM, destination and dates, with the volume over time by type, CRM and destination drawn above
 * the timeline.
 */
export function ActivityPage(props: { viewer: Viewer; rows: ActivityRow[]; charts: ActivityCharts; filter: ActivityFilter; window: { from: string; until: string }; who?: string; limit: number; error?: string }) {
  const { filter, charts } = props;
  const per = charts.unit === 'week' ? 'per week' : 'per day';
  return (
    <Layout title="Activity" viewer={props.viewer} current="/activity">
      <div>
        <h1>Activity{props.who ? ` of ${props.who}` : ' across the organisation'}</h1>
        <p class="note">From {props.window.from} to {props.window.until} (UTC). The charts count every event that matches; the timeline lists the newest {props.limit}. Counts, names and sizes only: never what was copied or sent.</p>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <section aria-labelledby="activity-filter">
        <h2 id="activity-filter">Filter</h2>
        <form class="filters" method="get" action="/activity">
          {filter.employee && <input type="hidden" name="employee" value={filter.employee} />}
          <div>
            <label for="type">Type</label>
            <select id="type" name="type"><option value="">any</option>{EVENT_TYPES.map((t) => <option value={t} selected={filter.type === t}>{t}</option>)}</select>
          </div>
          <div><label for="crm">CRM</label><input id="crm" name="crm" value={filter.crm ?? ''} maxlength={64} placeholder="salesforce" /></div>
          <div><label for="destination">Destination</label><input id="destination" name="destination" value={filter.destination ?? ''} maxlength={64} placeholder="gmail" /></div>
          <div><label for="from">From</label><input id="from" name="from" type="date" value={filter.from ?? ''} /></div>
          <div><label for="until">Until</label><input id="until" name="until" type="date" value={filter.until ?? ''} /></div>
          <div><button type="submit">Apply</button> <a href={filter.employee ? `/activity?employee=${filter.employee}` : '/activity'}>Clear</a></div>
        </form>
      </section>
      <section aria-labelledby="volume-heading">
        <h2 id="volume-heading">Volume {per}</h2>
        <div class="charts">
          <StackedVolumeChart id="by-type" label={`Events ${per} by type`} buckets={charts.buckets} series={charts.byType} />
          <StackedVolumeChart id="by-crm" label={`Events ${per} by CRM`} buckets={charts.buckets} series={charts.byCrm} />
          <StackedVolumeChart id="by-destination" label={`Events ${per} by destination`} buckets={charts.buckets} series={charts.byDestination} />
        </div>
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{props.rows.length === 1 ? '1 event' : `${props.rows.length} events`}</h2>
        {props.rows.length === 0 ? <p class="muted">No events match.</p> : (
          <table class="stack-sm">
            <thead><tr><th>When</th><th>Employee</th><th>What</th><th>In alerts</th></tr></thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td data-label="When">{when(new Date(r.occurredAt).toISOString())}</td>
                  <td data-label="Employee"><a href={`/activity?employee=${r.pid}`}>{r.person}</a></td>
                  <td data-label="What">{r.description}<br /><span class="note">{r.type}</span></td>
                  <td data-label="In alerts">{r.alerts.length === 0 ? <span class="muted">none</span> : r.alerts.map((a) => <a href={`/alerts/${a.id}`}>{a.title}</a>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
