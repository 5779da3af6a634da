import type { Departure } from '../people/watchlist';
import { WATCH_AHEAD_DAYS, WATCH_BACK_DAYS } from '../people/watchlist';
import type { EmployeeRisk } from '../../shared/risk';
import { LevelBadge, SIGNAL_NOTE } from './badges';
import { Layout, type Viewer } from './layout';
import { Sparkline } from './sparkline';

export interface WatchlistRow extends Departure {
  person: string;
  pid: string;
  risk?: EmployeeRisk;
  history: { day: string; score: number }[];
  handoverDone: number;
}

function whenLeaving(row: Departure) {
  if (row.daysLeft === undefined) return <span class="muted">no last day recorded</span>;
  if (row.daysLeft < 0) return `left ${-row.daysLeft} d ago (${row.lastDay})`;
  if (row.daysLeft === 0) return `today (${row.lastDay})`;
  return `in ${row.daysLeft} d (${row.lastDay})`;
}

/** Security's and HR's shared list of who is leaving: the score and its trend beside the handover's progress. */
export function WatchlistPage(props: { viewer: Viewer; rows: WatchlistRow[]; handoverItems: number }) {
  return (
    <Layout title="Departing employees" viewer={props.viewer} current="/watchlist">
      <div>
        <h1>Departing employees</h1>
        <p class="note">Everyone with a resignation notice, termination or last working day from {WATCH_BACK_DAYS} days ago to {WATCH_AHEAD_DAYS} days ahead, soonest last day first. {SIGNAL_NOTE}</p>
      </div>
      <section aria-labelledby="watch-heading">
        <h2 id="watch-heading">{props.rows.length === 1 ? '1 person' : `${props.rows.length} people`}</h2>
        {props.rows.length === 0 ? <p class="muted">Nobody is leaving in this window. HR records notices on the HR signals page.</p> : (
          <table class="stack-sm">
            <thead><tr><th>Employee</th><th>Leaves</th><th>Notice</th><th>Score</th><th>Trend</th><th>Handover</th></tr></thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td data-label="Employee"><a href={`/employees/${r.pid}`}>{r.person}</a></td>
                  <td data-label="Leaves">{whenLeaving(r)}</td>
                  <td data-label="Notice">{r.notice ?? <span class="muted">none</span>}</td>
                  <td data-label="Score">{r.risk ? <>{Math.round(r.risk.score)} <LevelBadge level={r.risk.level} /></> : <span class="muted">no activity</span>}</td>
                  <td data-label="Trend"><Sparkline history={r.history} /></td>
                  <td data-label="Handover">
                    <progress max={props.handoverItems} value={r.handoverDone} aria-label={`Handover: ${r.handoverDone} of ${props.handoverItems} done`}></progress> {r.handoverDone} of {props.handoverItems}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
