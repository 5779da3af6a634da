import type { EmployeeRisk, RiskLevel } from '../../shared/risk';
import { LevelBadge, SIGNAL_NOTE } from './badges';
import { CsrfField, Layout, when, type Viewer } from './layout';

export const RISK_LEVELS: RiskLevel[] = ['critical', 'high', 'medium', 'low'];
/** Rows per level: a page of ten thousand rows is neither fast nor read. */
export const PER_LEVEL = 100;

/** One level's section: how many people it holds and its highest scores. */
export interface LevelRows { level: RiskLevel; count: number; risks: NamedRisk[] }

export type NamedRisk = EmployeeRisk & { pid: string; name: string };

/** Scores with their level and main factor, each linking to the employee's page. */
export function RiskTable(props: { risks: NamedRisk[] }) {
  return (
    <table class="stack-sm">
      <thead><tr><th>Employee</th><th>Score</th><th>Level</th><th>Main factor</th><th>Updated</th></tr></thead>
      <tbody>
        {props.risks.map((r) => (
          <tr>
            <td data-label="Employee"><a href={`/employees/${r.pid}`}>{r.name}</a></td>
            <td data-label="Score" class="num">{Math.round(r.score)}</td>
            <td data-label="Level"><LevelBadge level={r.level} /></td>
            <td data-label="Main factor">{r.factors[0]?.summary ?? <span class="muted">nothing unusual</span>}</td>
            <td data-label="Updated">{when(r.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Find one person: by pseudonym, or by e-mail (for pseudonymised roles a reveal, with a reason on record). */
function FindPerson(props: { viewer: Viewer; needsReason: boolean }) {
  return (
    <section aria-labelledby="find-heading">
      <h2 id="find-heading">Find a person</h2>
      <div class="grid2">
        <form method="get" action="/employees/find" class="filters">
          <div><label for="find-pseudonym">Pseudonym</label><input id="find-pseudonym" name="pseudonym" placeholder="1A2B-3C4D-5E6F" required maxlength={40} /></div>
          <div><button type="submit">Find</button></div>
        </form>
        <form method="post" action="/employees/find" class="filters">
          <CsrfField viewer={props.viewer} />
          <div><label for="find-email">E-mail</label><input id="find-email" name="email" type="email" required maxlength={320} /></div>
          {props.needsReason && <div><label for="find-reason">Why (recorded in the audit log)</label><input id="find-reason" name="reason" required minlength={10} maxlength={500} /></div>}
          <div><button type="submit">Find</button></div>
        </form>
      </div>
    </section>
  );
}

/** Employees grouped by risk level, highest first; names are pseudonyms for security and HR. */
export function EmployeesPage(props: { viewer: Viewer; levels: LevelRows[]; findByEmailNeedsReason: boolean; error?: string }) {
  return (
    <Layout title="Employees" viewer={props.viewer} current="/employees">
      <div>
        <h1>Employees by risk</h1>
        <p class="note">{SIGNAL_NOTE}</p>
        <p><a href="/employees.csv">Export as CSV</a> <span class="note">(scores and factors only; pseudonyms stay pseudonyms; the export is recorded in the audit log)</span></p>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <FindPerson viewer={props.viewer} needsReason={props.findByEmailNeedsReason} />
      {props.levels.every((l) => l.count === 0) && <section><p class="muted">No activity reported yet.</p></section>}
      {props.levels.map(({ level, count, risks }) => (count === 0 ? null : (
        <section aria-labelledby={`level-${level}`}>
          <h2 id={`level-${level}`}><LevelBadge level={level} /> {count === 1 ? '1 person' : `${count.toLocaleString('en')} people`}</h2>
          {count > risks.length && <p class="note">The {risks.length} highest scores; find anyone else above, or export them all as CSV.</p>}
          <RiskTable risks={risks} />
        </section>
      )))}
    </Layout>
  );
}
