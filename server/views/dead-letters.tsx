import type { DeadLetter } from '../../shared/integrations';
import { Layout } from './layout';

/** On a phone each row becomes a small card with its labels, instead of a table scrolled sideways. */
const STACKED = `@media (max-width: 700px) {
  table.stack thead { display:none; } table.stack tr { display:block; padding:8px 0; border-bottom:1px solid var(--line); }
  table.stack td { display:block; border:0; padding:2px 0; overflow-wrap:anywhere; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size:12px; }
}`;

function when(iso: string) {
  return iso.replace('T', ' ').slice(0, 16) + ' UTC';
}

/** Alert deliveries that kept failing: what failed, why, and a way to send them again. */
export function DeadLettersPage(props: { role: string; deadLetters: DeadLetter[]; pending: number }) {
  return (
    <Layout title="Dead letters" signedIn={props.role}>
      <style dangerouslySetInnerHTML={{ __html: STACKED }} />
      <main>
        <div>
          <h1>Undelivered alerts</h1>
          <p class="note">
            Deliveries to the SIEM integrations that failed every retry. {props.pending === 1 ? '1 delivery is' : `${props.pending} deliveries are`} still
            waiting to be sent or retried.
          </p>
        </div>
        <section aria-labelledby="dead-heading">
          <h2 id="dead-heading">Dead letters ({props.deadLetters.length})</h2>
          {props.deadLetters.length === 0 ? <p class="muted">Nothing failed: every alert reached its integrations.</p> : (
            <>
              <form method="post" action="/dead-letters/retry">
                <button type="submit">Retry all</button>
              </form>
              <table class="stack">
                <thead><tr><th>Integration</th><th>Alert</th><th>Attempts</th><th>Last error</th><th>Failed</th><th>Action</th></tr></thead>
                <tbody>
                  {props.deadLetters.map((d) => (
                    <tr>
                      <td data-label="Integration">{d.integration}</td>
                      <td data-label="Alert"><code>{d.alertId}</code></td>
                      <td data-label="Attempts">{d.attempts}</td>
                      <td data-label="Last error">{d.lastError ?? ''}</td>
                      <td data-label="Failed">{when(d.updatedAt)}</td>
                      <td>
                        <form class="inline" method="post" action="/dead-letters/retry">
                          <input type="hidden" name="id" value={d.id} />
                          <button type="submit" aria-label={`Retry delivery ${d.id} to ${d.integration}`}>Retry</button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      </main>
    </Layout>
  );
}
