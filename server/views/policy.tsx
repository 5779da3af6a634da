import type { Destination, Policy, PolicyUpdate, Site } from '../../shared/policy';
import { CsrfField, Layout, type Viewer } from './layout';
import { DestinationModes } from './policy-modes';
import { SaltRotationCard } from './salt-rotation';
import type { SaltRotation } from '../policy/fingerprint-salt';
import { CompanyTenantsField, RecordViewLimitsFields } from './policy-tenants-limits';
import { limitableCrms, tenantsText } from '../policy/tenants-and-limits-form';

/** Sites as the editor shows them: one per line, `id | name | pattern pattern …`. */
export function sitesText(sites: readonly Site[] = []): string {
  return sites.map((s) => `${s.id} | ${s.name} | ${s.matches.join(' ')}`).join('\n');
}

function SiteList(props: { sites: Site[] }) {
  return <ul class="factors">{props.sites.map((s) => <li><b>{s.name}</b> <code>{s.matches.join(' ')}</code></li>)}</ul>;
}

function SitesField(props: { id: string; title: string; added: string; builtIn: Site[]; value: string }) {
  return (
    <div>
      <h2>{props.title}</h2>
      <p class="note">Built in:</p>
      <SiteList sites={props.builtIn} />
      <label for={props.id}>{props.added}, one per line: id | name | match patterns</label>
      <textarea id={props.id} name={props.id} rows={5} aria-describedby="sites-help">{props.value}</textarea>
    </div>
  );
}

export interface PolicyPageProps {
  viewer: Viewer;
  policy: Omit<Policy, 'fingerprintSalt' | 'previousFingerprintSalt'>;
  /** The device salt's last rotation (never the salts themselves). */
  saltRotation?: SaltRotation;
  now: Date;
  overrides: PolicyUpdate;
  builtIn: { crmSites: Site[]; personalDestinations: Site[] };
  /** Every personal destination with the `mode` its definition carries (not the one `destinationModes` gives). */
  destinations: Destination[];
  /** What the administrator typed, when it was refused, so nothing is lost. */
  draft?: Record<string, string>;
  error?: string;
  info?: string;
}

/** The detection policy: added CRM sites and personal destinations, their modes, company tenants, record-view limits, the thresholds, retention and coverage. */
export function PolicyPage(props: PolicyPageProps) {
  const { viewer, policy, overrides, draft } = props;
  const field = (name: string, fallback: string) => draft?.[name] ?? fallback;
  return (
    <Layout title="Policy" viewer={viewer} current="/policy">
      <div>
        <h1>Detection policy</h1>
        <p class="note">Version <code>{policy.version}</code>. Extensions fetch it with an ETag and pick up a change within minutes. Every change is written to the audit log.</p>
      </div>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {props.info && <p class="notice" role="status">{props.info}</p>}
      <form method="post" action="/policy" class="card">
        <CsrfField viewer={viewer} />
        <div class="grid2">
          <SitesField id="crmSites" title="CRM sites" added="Added CRM sites" builtIn={props.builtIn.crmSites} value={field('crmSites', sitesText(overrides.crmSites))} />
          <SitesField id="personalDestinations" title="Personal destinations" added="Added personal destinations" builtIn={props.builtIn.personalDestinations} value={field('personalDestinations', sitesText(overrides.personalDestinations))} />
        </div>
        <p id="sites-help" class="note">Example: <code>hubspot | HubSpot | https://app.hubspot.com/*</code>. A built-in id (salesforce, gmail) adds patterns to that site.</p>
        <h2>Thresholds</h2>
        <div class="field-grid">
          <div><label for="copyMinContacts">Copy reported from (contacts)</label><input id="copyMinContacts" name="copyMinContacts" type="number" min={1} required value={field('copyMinContacts', String(policy.thresholds.copyMinContacts))} /></div>
          <div><label for="pasteMinContacts">Paste reported from (contacts)</label><input id="pasteMinContacts" name="pasteMinContacts" type="number" min={1} required value={field('pasteMinContacts', String(policy.thresholds.pasteMinContacts))} /></div>
          <div><label for="sequenceWindowHours">Sequence window (hours)</label><input id="sequenceWindowHours" name="sequenceWindowHours" type="number" min={1} step="any" required value={field('sequenceWindowHours', String(policy.thresholds.sequenceWindowHours))} /></div>
        </div>
        <DestinationModes destinations={props.destinations} modes={overrides.destinationModes ?? {}} field={field} />
        <CompanyTenantsField value={field('companyTenants', tenantsText(overrides.companyTenants))} />
        <RecordViewLimitsFields crms={limitableCrms(overrides.recordViewLimits)} limits={overrides.recordViewLimits ?? {}} field={field} />
        <h2>Retention and coverage</h2>
        <div class="field-grid">
          <div><label for="retentionDays">Keep events for (days, 7–3650)</label><input id="retentionDays" name="retentionDays" type="number" min={7} max={3650} required aria-describedby="retention-help" value={field('retentionDays', String(policy.retentionDays))} /></div>
          <div><label for="silentAfterHours">Device silent after (hours)</label><input id="silentAfterHours" name="silentAfterHours" type="number" max={24 * 90} step="any" required aria-describedby="retention-help" value={field('silentAfterHours', String(policy.coverage.silentAfterHours))} /></div>
        </div>
        <p id="retention-help" class="note">Older events, and what was derived from them, are purged; 180 days covers the 90-day departure look-back and its baseline. A device heard from neither by an event nor a heartbeat for that many hours is listed as silent.</p>
        <p><button type="submit">Save policy</button></p>
      </form>
      <SaltRotationCard viewer={viewer} rotation={props.saltRotation} now={props.now} />
    </Layout>
  );
}
