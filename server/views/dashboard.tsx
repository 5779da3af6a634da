import type { EmployeeRisk } from '../../shared/risk';
import type { Alert } from '../store/store';
import { Layout } from './layout';

export function LevelBadge(props: { level: string }) {
  return <span class={`level level-${props.level}`}>{props.level}</span>;
}

function when(iso: string) {
  return iso.replace('T', ' ').slice(0, 16) + ' UTC';
}

export function DashboardPage(props: { role: string; risks: EmployeeRisk[]; alerts: Alert[] }) {
  return (
    <Layout title="Dashboard" signedIn={props.role}>
      <main>
        <div>
          <h1>Departure risk</h1>
          <p class="note">A score is a signal for a human conversation, never the sole basis of a decision.</p>
        </div>
        <section aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Open alerts ({props.alerts.length})</h2>
          {props.alerts.length === 0 ? <p class="muted">No open alerts.</p> : (
            <table>
              <thead><tr><th>Severity</th><th>Employee</th><th>What happened</th><th>Evidence</th><th>Updated</th></tr></thead>
              <tbody>
                {props.alerts.map((a) => (
                  <tr>
                    <td><LevelBadge level={a.severity} /></td>
                    <td>{a.employee}</td>
                    <td>{a.title}</td>
                    <td>{a.eventIds.length === 1 ? '1 event' : `${a.eventIds.length} events`}</td>
                    <td>{when(a.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="employees-heading">
          <h2 id="employees-heading">Employees by risk</h2>
          {props.risks.length === 0 ? <p class="muted">No activity reported yet.</p> : (
            <table>
              <thead><tr><th>Employee</th><th>Score</th><th>Level</th><th>Why</th><th>Updated</th></tr></thead>
              <tbody>
                {props.risks.map((r) => (
                  <tr>
                    <td>{r.employee}</td>
                    <td>{Math.round(r.score)}</td>
                    <td><LevelBadge level={r.level} /></td>
                    <td>
                      <ul class="factors">
                        {r.factors.map((f) => <li>{f.summary} <span class="muted">({Math.round(f.points)} pts)</span></li>)}
                      </ul>
                    </td>
                    <td>{when(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </Layout>
  );
}
