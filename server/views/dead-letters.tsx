import type { DeadLetter } from '../../shared/integrations';
import { Layout } from './layout';

function when(iso: string) {
  return iso.replace('T', ' ').slice(0, 16) + ' UTC';
}

/** Alert deliveries that kept failing: what failed, why, and a way to send them again. */
export function DeadLettersPage(props: { role: string; deadLetters: DeadLetter[]; pending: number }) {
  return (
    <Layout title="Dead letters" signedIn={props.role}>
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
              <table>
                <thead><tr><th>Integration</th><th>Alert</th><th>Attempts</th><th>Last error</th><th>Failed</th><th>Action</th></tr></thead>
                <tbody>
                  {props.deadLetters.map((d) => (
                    <tr>
                      <td>{d.integration}</td>
                      <td><code>{d.alertId}</code></td>
                      <td>{d.attempts}</td>
                      <td>{d.lastError ?? ''}</td>
                      <td>{when(d.updatedAt)}</td>
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
