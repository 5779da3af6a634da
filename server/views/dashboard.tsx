import type { EmployeeRisk } from '../../shared/risk';
import { displayName, pseudonymId } from '../people/pseudonyms';
import type { Alert } from '../store/store';
import { LevelBadge, SIGNAL_NOTE } from './badges';
import { RiskTable } from './employees';
import { Layout, when, type Viewer } from './layout';

/** Rows in each of the overview's tables; the rest is a link away. */
export const OVERVIEW_ROWS = 20;

/** `risks` and `alerts` are the most urgent few; `employees` and `openAlerts` count them all. */
export function DashboardPage(props: { viewer: Viewer; risks: EmployeeRisk[]; employees: number; alerts: Alert[]; openAlerts: number; pseudonymKey: string }) {
  const { viewer, pseudonymKey } = props;
  const name = (email: string) => displayName(pseudonymKey, viewer.role, email);
  const canSeeAlerts = viewer.role === 'admin' || viewer.role === 'security';
  return (
    <Layout title="Overview" viewer={viewer} current="/">
      <div>
        <h1>Departure risk</h1>
        <p class="note">{SIGNAL_NOTE}</p>
      </div>
      {viewer.role === 'auditor' && (
        <section><h2>Auditor</h2><p>Read and verify the <a href="/audit">audit log</a>.</p></section>
      )}
      {canSeeAlerts && (
        <section aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Open alerts ({props.openAlerts})</h2>
          {props.alerts.length === 0 ? <p class="muted">No open alerts.</p> : (
            <table class="stack-sm">
              <thead><tr><th>Severity</th><th>Employee</th><th>What happened</th><th>Evidence</th><th>Updated</th></tr></thead>
              <tbody>
                {props.alerts.map((a) => (
                  <tr>
                    <td data-label="Severity"><LevelBadge level={a.severity} /></td>
                    <td data-label="Employee">{name(a.employee)}</td>
                    <td data-label="What happened"><a href={`/alerts/${a.id}`}>{a.title}</a></td>
                    <td data-label="Evidence">{a.eventIds.length === 1 ? '1 event' : `${a.eventIds.length} events`}</td>
                    <td data-label="Updated">{when(a.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {props.openAlerts > props.alerts.length && <p><a href="/alerts?status=open">All {props.openAlerts} open alerts</a> <span class="note">(the {props.alerts.length} most severe are above)</span></p>}
        </section>
      )}
      {viewer.role !== 'auditor' && (
        <section aria-labelledby="employees-heading">
          <h2 id="employees-heading">Employees by risk</h2>
          {props.risks.length === 0 ? <p class="muted">No activity reported yet.</p> : (
            <RiskTable risks={props.risks.map((r) => ({ ...r, pid: pseudonymId(pseudonymKey, r.employee), name: name(r.employee) }))} />
          )}
          {props.employees > props.risks.length && <p><a href="/employees">All {props.employees.toLocaleString('en')} employees</a></p>}
        </section>
      )}
    </Layout>
  );
}
