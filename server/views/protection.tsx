import type { DeviceCoverageRow, ProtectionSignal } from '../ingest/device-protection';
import { when } from './layout';

const SIGNAL_NAMES: Record<ProtectionSignal['signal'], string> = {
  detector_failure: 'A detector failed',
  channel_tampering: 'A page spoke on the extension’s private channel',
  measurement_mismatch: 'An export’s measurement disagreed with the saved file',
  identity_change: 'The browser’s identity changed',
  server_url_change: 'The server address changed',
  enrollment_change: 'The browser enrolled again',
};

/**
 * Whether this employee's evidence is complete and untampered: devices (silent, removed) and tamper
 * signals. A viewer who sees pseudonyms does not see the addresses an identity change names either.
 */
export function ProtectionSection(props: { devices: DeviceCoverageRow[]; signals: ProtectionSignal[]; hideAddresses: boolean }) {
  const detail = (text: string) => (props.hideAddresses ? text.replace(/[^\s@]+@[^\s@]+/g, '(an address)') : text);
  return (
    <section aria-labelledby="protection-heading">
      <h2 id="protection-heading">Coverage and tampering</h2>
      {props.devices.length === 0
        ? <p class="muted">No browser has enrolled for this employee.</p>
        : (
          <table>
            <thead><tr><th scope="col">Browser</th><th scope="col">Extension</th><th scope="col">Last heard</th><th scope="col">Status</th></tr></thead>
            <tbody>{props.devices.map((d) => (
              <tr><td>{d.name ?? d.id}</td><td>{d.extensionVersion ?? '?'}</td><td>{d.lastSeenAt ? when(d.lastSeenAt) : 'never'}</td>
                <td>{d.status === 'active' ? 'reporting' : d.status === 'silent' ? 'silent: disabled, removed or offline' : 'removed'}</td></tr>
            ))}</tbody>
          </table>
        )}
      {props.signals.length === 0
        ? <p class="muted">No tamper signals.</p>
        : <ul class="factors">{props.signals.map((s) => <li><b>{SIGNAL_NAMES[s.signal]}</b> ({when(s.occurredAt)}): {detail(s.detail)}</li>)}</ul>}
    </section>
  );
}
