import { CsrfField, Layout, type Viewer } from './layout';

export interface ChangeWindowsPageProps {
  viewer: Viewer;
  windows: { id: string; employees: string[]; from: string; to: string; reason: string; createdBy: string; createdAt: string }[];
  error?: string;
  info?: string;
}

/** Declared change windows, newest first, and the form an administrator declares one with. */
export function ChangeWindowsPage(props: ChangeWindowsPageProps) {
  const { viewer } = props;
  return (
    <Layout title="Change windows" viewer={viewer} current="/admin/change-windows">
      <div>
        <h1>Change windows</h1>
        <p class="note">Planned bulk work, such as a CRM migration or an audit, looks like theft. Declare it beforehand: the activity of the people named stays visible and explained on their page, but on those days it raises no departure risk and does not become anyone's usual. Every declaration is in the audit log.</p>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.info && <p class="notice" role="status">{props.info}</p>}
      {viewer.role === 'admin' && (
        <section aria-labelledby="declare-heading">
          <h2 id="declare-heading">Declare a window</h2>
          <form method="post" action="/admin/change-windows" class="stack">
            <CsrfField viewer={viewer} />
            <div><label for="employees">People (e-mail addresses, one a line)</label><textarea id="employees" name="employees" rows={4} required /></div>
            <div><label for="from">First day</label><input id="from" name="from" type="date" required /></div>
            <div><label for="to">Last day</label><input id="to" name="to" type="date" required /></div>
            <div><label for="reason">Reason</label><input id="reason" name="reason" type="text" required minlength={3} maxlength={500} /></div>
            <p><button type="submit">Declare</button></p>
          </form>
        </section>
      )}
      <section aria-labelledby="windows-heading">
        <h2 id="windows-heading">Declared windows</h2>
        {props.windows.length === 0 ? <p class="muted">None declared.</p> : (
          <table class="stack-sm">
            <thead><tr><th>People</th><th>From</th><th>To</th><th>Reason</th><th>Declared by</th></tr></thead>
            <tbody>
              {props.windows.map((w) => (
                <tr>
                  <td data-label="People">{w.employees.join(', ')}</td>
                  <td data-label="From">{w.from}</td>
                  <td data-label="To">{w.to}</td>
                  <td data-label="Reason">{w.reason}</td>
                  <td data-label="Declared by">{w.createdBy} on {w.createdAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
