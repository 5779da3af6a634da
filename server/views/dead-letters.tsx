import type { DeadLetter } from '../../shared/integrations';
import { CsrfField, Layout, type Viewer } from './layout';

const CHECKPOINT = /^audit-checkpoint:(\d+)$/;

/** An alert links to its page; an audit checkpoint (queued under `audit-checkpoint:<seq>`) is named as one. */
function Subject(props: { id: string }) {
  const checkpoint = CHECKPOINT.exec(props.id);
  if (checkpoint) return <>Audit checkpoint at record {checkpoint[1]}</>;
  return <a href={`/alerts/${encodeURIComponent(props.id)}`}>Alert <code>{props.id}</code></a>;
}

function when(iso: string) {
  return iso.replace('T', ' ').slice(0, 16) + ' UTC';
}

/** Deliveries (alerts, audit checkpoints) that kept failing: what failed, why, and a way to send them again. */
export function DeadLettersPage(props: { viewer: Viewer; deadLetters: DeadLetter[]; pending: number }) {
  return (
    <Layout title="Dead letters" viewer={props.viewer} current="/dead-letters">
      <main>
        <div>
          <h1>Undelivered alerts and checkpoints</h1>
          <p class="note">
            Deliveries to the SIEM integrations that failed every retry. {props.pending === 1 ? '1 delivery is' : `${props.pending} deliveries are`} still
            waiting to be sent or retried.
          </p>
        </div>
        <section aria-labelledby="dead-heading">
          <h2 id="dead-heading">Dead letters ({props.deadLetters.length})</h2>
          {props.deadLetters.length === 0 ? <p class="muted">Nothing failed: every alert and checkpoint reached its integrations.</p> : (
            <>
              <form method="post" action="/dead-letters/retry">
                <CsrfField viewer={props.viewer} />
                <button type="submit">Retry all</button>
              </form>
              <table class="stack-sm">
                <thead><tr><th>Integration</th><th>What</th><th>Attempts</th><th>Last error</th><th>Failed</th><th>Action</th></tr></thead>
                <tbody>
                  {props.deadLetters.map((d) => (
                    <tr>
                      <td data-label="Integration">{d.integration}</td>
                      <td data-label="What"><Subject id={d.alertId} /></td>
                      <td data-label="Attempts">{d.attempts}</td>
                      <td data-label="Last error">{d.lastError ?? ''}</td>
                      <td data-label="Failed">{when(d.updatedAt)}</td>
                      <td>
                        <form class="inline" method="post" action="/dead-letters/retry">
                          <CsrfField viewer={props.viewer} />
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
