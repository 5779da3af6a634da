import type { ChainVerdict } from '../audit/verify-chain';
import type { AuditRecord } from '../store/store';
import { Layout, when, type Viewer } from './layout';

/** The audit log, newest first, with the chain's verification at the top. */
export function AuditPage(props: { viewer: Viewer; records: AuditRecord[]; verdict: ChainVerdict; nextBefore?: number }) {
  const { verdict } = props;
  return (
    <Layout title="Audit log" viewer={props.viewer} current="/audit">
      <h1>Audit log</h1>
      <section aria-labelledby="chain">
        <h2 id="chain">Chain verification</h2>
        {verdict.ok
          ? <p class="ok" role="status">Intact: all {verdict.records} records chain correctly. Last hash <code>{verdict.lastHash}</code>.</p>
          : <p class="error" role="alert">Broken at record {verdict.broken!.seq}: {verdict.broken!.reason}. The {verdict.records} records before it are intact.</p>}
        <p class="note">Every reveal of a name, every view of an employee's detail, every export and every policy change is recorded here. Records can be added, never changed.</p>
      </section>
      <section aria-labelledby="records">
        <h2 id="records">Records</h2>
        {props.records.length === 0 ? <p class="muted">Nothing recorded yet.</p> : (
          <table class="stack-sm">
            <thead><tr><th>#</th><th>When</th><th>Who</th><th>What</th><th>On</th><th>Details</th></tr></thead>
            <tbody>
              {props.records.map((r) => (
                <tr>
                  <td data-label="#" class="num">{r.seq}</td>
                  <td data-label="When">{when(r.at)}</td>
                  <td data-label="Who">{r.actor}</td>
                  <td data-label="What">{r.action}</td>
                  <td data-label="On">{r.target}</td>
                  <td data-label="Details"><code>{Object.keys(r.details).length ? JSON.stringify(r.details) : ''}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {props.nextBefore && <p><a href={`/audit?before=${props.nextBefore}`}>Older records</a></p>}
      </section>
    </Layout>
  );
}
