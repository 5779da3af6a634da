import type { CoverageSummary } from '../store/console-reads';
import type { DeviceRecord } from '../store/devices';
import { Layout, when, type Viewer } from './layout';
import { Pager } from './pager';

/** A device as the page shows it: `person` is the pseudonym for roles that see pseudonyms. */
export type CoverageRow = DeviceRecord & { status: 'active' | 'silent' | 'uninstalled'; person: string; pid: string };

/** Rows on one page: enough to act on, few enough to render fast for ten thousand browsers. */
export const DEVICES_SHOWN = 100;

const STATUS_TEXT = { active: 'reporting', silent: 'silent', uninstalled: 'removed' } as const;

/**
 * Where the extension watches and where it does not: each enrolled browser with when it was last heard
 * from, its version, whether its person acknowledged the monitoring notice and whether it runs in
 * incognito windows. Silent and removed browsers are gaps an analyst has to know about.
 */
export function DeviceCoveragePage(props: { viewer: Viewer; devices: CoverageRow[]; summary: CoverageSummary; page: number; silentAfterHours: number; status?: CoverageRow['status'] }) {
  const { summary } = props;
  // The gaps first (removed, then silent), the longest quiet first; a page of them, the counts above are of all.
  const matching = props.status ? summary[props.status] : summary.total;
  const shown = props.devices;
  return (
    <Layout title="Device coverage" viewer={props.viewer} current="/devices">
      <div>
        <h1>Device coverage</h1>
        <p class="note">A browser is silent when it has not reported for {props.silentAfterHours} h (the policy's setting).</p>
      </div>
      <div class="kpis" aria-label="Coverage">
        <div class="kpi"><span class="muted">Reporting</span><b>{summary.active}</b></div>
        <div class="kpi"><span class="muted">Silent</span><b>{summary.silent}</b></div>
        <div class="kpi"><span class="muted">Removed</span><b>{summary.uninstalled}</b></div>
        <div class="kpi"><span class="muted">Notice acknowledged</span><b>{summary.acknowledged} of {summary.total}</b></div>
        <div class="kpi"><span class="muted">Versions</span><b>{summary.versions.length}</b><span class="note">{summary.versions.slice(0, 3).map(([v, n]) => `${v}: ${n}`).join(' · ')}</span></div>
      </div>
      <section aria-labelledby="devices-heading">
        <h2 id="devices-heading">{matching === 1 ? '1 browser' : `${matching.toLocaleString('en')} browsers`}</h2>
        {matching > DEVICES_SHOWN && <p class="note">The gaps first: removed, then silent, the longest quiet first. Filter by status to narrow down.</p>}
        <nav aria-label="Show" class="filters">
          {[['', 'all'], ['active', 'reporting'], ['silent', 'silent'], ['uninstalled', 'removed']].map(([value, label]) => (
            <a href={value ? `/devices?status=${value}` : '/devices'} aria-current={(props.status ?? '') === value ? 'page' : undefined}>{label}</a>
          ))}
        </nav>
        {shown.length === 0 ? <p class="muted">No browsers here.</p> : (
          <table class="stack-sm">
            <thead><tr><th>Employee</th><th>Browser</th><th>Status</th><th>Last seen</th><th>Version</th><th>Notice acknowledged</th><th>Incognito</th></tr></thead>
            <tbody>
              {shown.map((d) => (
                <tr>
                  <td data-label="Employee"><a href={`/employees/${d.pid}`}>{d.person}</a></td>
                  <td data-label="Browser">{d.name ?? <span class="muted">unnamed</span>} <span class="note mono">{d.id.slice(0, 8)}</span></td>
                  <td data-label="Status"><span class={`status status-${d.status}`}>{STATUS_TEXT[d.status]}</span></td>
                  <td data-label="Last seen">{d.uninstalledAt ? `removed ${when(d.uninstalledAt)}` : d.lastSeenAt ? when(d.lastSeenAt) : <span class="muted">never</span>}</td>
                  <td data-label="Version">{d.extensionVersion ?? <span class="muted">unknown</span>}</td>
                  <td data-label="Notice acknowledged">{d.noticeAcknowledgedAt ? when(d.noticeAcknowledgedAt) : <span class="muted">not yet</span>}</td>
                  <td data-label="Incognito">{d.incognitoAllowed === null ? <span class="muted">unknown</span> : d.incognitoAllowed ? 'allowed' : 'not allowed'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager label="Pages of browsers" page={props.page} pages={Math.ceil(matching / DEVICES_SHOWN)} perPage={DEVICES_SHOWN}
          href={(page) => `/devices?${new URLSearchParams([...(props.status ? [['status', props.status]] : []), ...(page > 1 ? [['page', String(page)]] : [])]).toString()}`} />
      </section>
    </Layout>
  );
}
