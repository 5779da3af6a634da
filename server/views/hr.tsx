import { HR_CSV_HEADER } from '../people/hr-csv';
import { CsrfField, Layout, type Viewer } from './layout';

export interface HrPageProps {
  viewer: Viewer;
  recent: { name: string; kind: string; effectiveDate: string; source: string; pid: string }[];
  error?: string;
  info?: string;
  importErrors?: { row: number; message: string }[];
  /** People in the last import crm-guard has not seen yet, as this viewer may see them. */
  unknownPeople?: string[];
}

const KINDS: [string, string][] = [['resignation_notice', 'Resignation notice'], ['last_working_day', 'Last working day'], ['termination', 'Termination']];

/** HR signal entry, the Purview-format CSV import, and the latest signals. */
export function HrPage(props: HrPageProps) {
  const { viewer } = props;
  return (
    <Layout title="HR signals" viewer={viewer} current="/hr">
      <div>
        <h1>HR signals</h1>
        <p class="note">A resignation notice makes crm-guard look back at the 90 days before it; a last working day closes legitimate access. Scores are signals for a human conversation, never the sole basis of a decision.</p>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.info && <p class="notice" role="status">{props.info}</p>}
      {props.importErrors && props.importErrors.length > 0 && (
        <section aria-labelledby="import-errors"><h2 id="import-errors">Rows not imported</h2>
          <ul class="factors">{props.importErrors.map((e) => <li>Row {e.row}: {e.message}</li>)}</ul>
        </section>
      )}
      {props.unknownPeople && props.unknownPeople.length > 0 && (
        <section aria-labelledby="import-unknown"><h2 id="import-unknown">Not known to crm-guard yet ({props.unknownPeople.length})</h2>
          <ul class="factors">{props.unknownPeople.map((p) => <li>{p}</li>)}</ul>
        </section>
      )}
      <div class="grid2">
        <section aria-labelledby="signal-heading">
          <h2 id="signal-heading">Record a signal</h2>
          <form method="post" action="/hr/signals" class="stack">
            <CsrfField viewer={viewer} />
            <div><label for="employeeEmail">Employee e-mail</label><input id="employeeEmail" name="employeeEmail" type="email" required maxlength={320} autocomplete="off" /></div>
            <div><label for="kind">Signal</label><select id="kind" name="kind">{KINDS.map(([v, l]) => <option value={v}>{l}</option>)}</select></div>
            <div><label for="effectiveDate">Date</label><input id="effectiveDate" name="effectiveDate" type="date" required /></div>
            <p><button type="submit">Record</button></p>
          </form>
        </section>
        <section aria-labelledby="import-heading">
          <h2 id="import-heading">Import a CSV</h2>
          <p class="note">Microsoft Purview's HR connector format: the header <code>{HR_CSV_HEADER.join(',')}</code>, optionally <code>Department</code>, <code>JobTitle</code> and <code>HireDate</code> (new starters' first month).</p>
          <form method="post" action="/hr/import" enctype="multipart/form-data" class="stack">
            <CsrfField viewer={viewer} />
            <div><label for="file">CSV file</label><input id="file" name="file" type="file" accept=".csv,text/csv" required /></div>
            <p><button type="submit">Import</button></p>
          </form>
        </section>
      </div>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Latest signals</h2>
        {props.recent.length === 0 ? <p class="muted">None recorded yet.</p> : (
          <table class="stack-sm">
            <thead><tr><th>Employee</th><th>Signal</th><th>Date</th><th>Source</th></tr></thead>
            <tbody>
              {props.recent.map((s) => (
                <tr>
                  <td data-label="Employee">{s.name}</td>
                  <td data-label="Signal">{KINDS.find(([v]) => v === s.kind)?.[1] ?? s.kind}</td>
                  <td data-label="Date">{s.effectiveDate.slice(0, 10)}</td>
                  <td data-label="Source">{s.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
