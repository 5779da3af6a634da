import type { RecordViewLimits } from '../../shared/record-view-limit';
import type { Site } from '../../shared/policy';
import { limitField } from '../policy/tenants-and-limits-form';

type Field = (name: string, fallback: string) => string;

/** The company's own tenants on vendors that also serve private people, one per line. */
export function CompanyTenantsField(props: { value: string }) {
  return (
    <div>
      <h2>Company tenants</h2>
      <label for="companyTenants">The company's own accounts and workspaces, one per line</label>
      <textarea id="companyTenants" name="companyTenants" rows={4} aria-describedby="tenants-help">{props.value}</textarea>
      <p id="tenants-help" class="note">
        An e-mail domain (<code>acme-corp.com</code>: an account of that domain is the company's on every destination,
        such as ChatGPT Enterprise or Copilot with a work account) or an https URL prefix ending in <code>/</code>{' '}
        (<code>https://app.slack.com/client/T01ABCDEF/</code>, <code>https://www.notion.so/acme/</code>). Uploads and pastes there are neither reported nor stopped.
      </p>
    </div>
  );
}

function LimitRow(props: { crm: Site; saved: RecordViewLimits[string] | undefined; field: Field }) {
  const { crm, saved, field } = props;
  const id = (part: string) => `view-limit-${crm.id}-${part}`;
  const mode = field(limitField(crm.id, 'mode'), saved?.mode ?? '');
  return (
    <tr>
      <th scope="row">{crm.name}</th>
      <td>
        <select id={id('mode')} aria-label={`${crm.name}: mode`} name={limitField(crm.id, 'mode')}>
          <option value="" selected={mode === ''}>no limit</option>
          <option value="warn" selected={mode === 'warn'}>warn</option>
          <option value="block" selected={mode === 'block'}>block</option>
        </select>
      </td>
      <td>
        <input id={id('opens')} aria-label={`${crm.name}: opens allowed per record`} name={limitField(crm.id, 'opens')} type="number" min={1} max={1000} value={field(limitField(crm.id, 'opens'), String(saved?.opens ?? 3))} />
      </td>
      <td>
        <input id={id('period')} aria-label={`${crm.name}: period (hours)`} name={limitField(crm.id, 'periodHours')} type="number" step="any" value={field(limitField(crm.id, 'periodHours'), String(saved?.periodHours ?? 720))} />
      </td>
    </tr>
  );
}

/** Per CRM: how often one person may open the same record within the period before being asked for a reason. */
export function RecordViewLimitsFields(props: { crms: Site[]; limits: RecordViewLimits; field: Field }) {
  return (
    <div>
      <h2 id="view-limits-title">Record-view limits</h2>
      <p id="view-limits-help" class="note">
        After this many opens of the same client record within the period, the extension asks for a reason in the page
        (<b>warn</b>: the record stays visible) or covers the record until one is given (<b>block</b>). Each further open is
        reported with its reason and counted by the risk model. 720 hours is 30 days.
      </p>
      <table aria-labelledby="view-limits-title" aria-describedby="view-limits-help">
        <thead><tr><th scope="col">CRM</th><th scope="col">Mode</th><th scope="col">Opens allowed per record</th><th scope="col">Period (hours)</th></tr></thead>
        <tbody>{props.crms.map((crm) => <LimitRow crm={crm} saved={props.limits[crm.id]} field={props.field} />)}</tbody>
      </table>
    </div>
  );
}
