import { NEXT_STATUSES } from '../alerts/alert-triage';
import { lineageSentence } from '../alerts/evidence';
import type { alertCase } from '../routes/alerts';
import { LevelBadge } from './badges';
import { PATTERNS } from './alerts';
import { RevealSection } from './reveal-form';
import { CsrfField, Layout, when, type Viewer } from './layout';

type Case = Awaited<ReturnType<typeof alertCase>>;

/** One alert: what happened, the evidence as a timeline, the lineage, the decision, assignment and notes. */
export function AlertDetailPage(props: { viewer: Viewer; case: Case; employeeName: string; employeeHref: string; canReveal: boolean; assignees: string[]; error?: string }) {
  const { viewer } = props;
  const { alert, notes, evidence, lineage } = props.case;
  const next = NEXT_STATUSES[alert.status];
  return (
    <Layout title="Alert" viewer={viewer} current="/alerts">
      <p><a href="/alerts">← Alerts</a></p>
      <div>
        <h1>{alert.title}</h1>
        <p><LevelBadge level={alert.severity} /> <span class="status">{alert.status}</span> · {PATTERNS[alert.pattern] ?? alert.pattern} · <a href={props.employeeHref}>{props.employeeName}</a></p>
        {alert.patterns.length > 1 && (
          <section aria-labelledby="reasons-heading">
            <h2 id="reasons-heading">Why: {alert.patterns.length} patterns, one incident</h2>
            <ul class="factors">{alert.patterns.map((p) => <li><LevelBadge level={p.severity} /> {PATTERNS[p.pattern] ?? p.pattern}: {p.title}</li>)}</ul>
          </section>
        )}
        <p class="note">Raised {when(alert.createdAt)}, updated {when(alert.updatedAt)}. Assigned to {alert.assignee ?? 'nobody'}.{alert.reason ? ` Reason: ${alert.reason}` : ''}</p>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.canReveal && <RevealSection viewer={viewer} action={`/alerts/${alert.id}/reveal`} />}
      <div class="grid2">
        <section aria-labelledby="lineage-heading">
          <h2 id="lineage-heading">Lineage</h2>
          <p>{lineageSentence(lineage)}</p>
          <h3>Timeline ({evidence.length === 1 ? '1 event' : `${evidence.length} events`})</h3>
          {evidence.length === 0 ? <p class="muted">The events behind this alert are no longer stored.</p> : (
            <ol class="timeline">
              {evidence.map((e) => <li><span class="muted">{when(e.event.occurredAt)}</span><br />{e.description}</li>)}
            </ol>
          )}
        </section>
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">Decide</h2>
          <form method="post" action={`/alerts/${alert.id}/status`} class="stack">
            <CsrfField viewer={viewer} />
            <div>
              <label for="status">New status</label>
              <select id="status" name="status">{next.map((s) => <option value={s}>{s}</option>)}</select>
            </div>
            <div><label for="reason">Reason (required to dismiss)</label><textarea id="reason" name="reason" maxlength={2000}></textarea></div>
            <p><button type="submit">Change status</button></p>
          </form>
          <form method="post" action={`/alerts/${alert.id}/assign`} class="stack">
            <CsrfField viewer={viewer} />
            <div>
              <label for="assignee">Assignee</label>
              <select id="assignee" name="assignee">
                <option value="">nobody</option>
                {/* An assignee from before accounts were required stays selectable until changed. */}
                {[...new Set([...props.assignees, ...(alert.assignee ? [alert.assignee] : [])])].map((a) => <option value={a} selected={a === alert.assignee}>{a}</option>)}
              </select>
            </div>
            <p><button type="submit" class="secondary">Assign</button></p>
          </form>
          <h3>Notes</h3>
          {notes.length === 0 ? <p class="muted">No notes yet.</p> : (
            <ul class="factors">{notes.map((n) => <li><span class="muted">{when(n.createdAt)} · {n.author.replace(/^user:/, '')}</span><br />{n.body}</li>)}</ul>
          )}
          <form method="post" action={`/alerts/${alert.id}/notes`} class="stack">
            <CsrfField viewer={viewer} />
            <div><label for="note">Add a note</label><textarea id="note" name="body" maxlength={5000} required></textarea></div>
            <p><button type="submit" class="secondary">Add note</button></p>
          </form>
        </section>
      </div>
    </Layout>
  );
}
