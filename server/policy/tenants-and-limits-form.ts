import { CompanyTenant } from '../../shared/company-tenants';
import { BUILT_IN_CRM_SITES, type PolicyUpdate, type Site } from '../../shared/policy';

/**
 * The policy form's company tenants (a textarea, one per line) and record-view limits (per CRM: opens,
 * period, mode), read from a submitted form. Refusals name what the administrator sees: the line of the
 * textarea, the CRM's name.
 */

/** The form fields of one CRM's record-view limit. */
export const limitField = (crm: string, part: 'opens' | 'periodHours' | 'mode') => `viewLimit.${crm}.${part}`;

/** Tenants one per line, as the textarea shows them. */
export function tenantsText(tenants: readonly string[] = []): string {
  return tenants.join('\n');
}

const [DOMAIN, URL_PREFIX] = CompanyTenant.options;

/** The tenants on the textarea's lines (blank lines skipped), or the first bad line named by its number. */
export function parseCompanyTenants(text: string): string[] | string {
  const tenants: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    // Judged as what it looks like, so the message says what is wrong with that kind of entry.
    const parsed = (line.includes('://') ? URL_PREFIX : DOMAIN).safeParse(line);
    if (!parsed.success) {
      const hint = line.includes('://') ? 'an https URL prefix ending in /, like https://acme.slack.com/' : 'an e-mail domain in lower case, like acme-corp.com';
      return `Company tenants, line ${i + 1}: ${parsed.error.issues[0]!.message}; write ${hint}`;
    }
    tenants.push(parsed.data);
  }
  return tenants;
}

/** The CRMs a limit can be set for: the built-in ones (each has a record adapter), then any saved limit's other id. */
export function limitableCrms(saved: PolicyUpdate['recordViewLimits'] = {}): Site[] {
  const builtIn = new Set(BUILT_IN_CRM_SITES.map((s) => s.id));
  const others = Object.keys(saved).filter((id) => !builtIn.has(id)).map((id) => ({ id, name: id, matches: [] }));
  return [...BUILT_IN_CRM_SITES, ...others];
}

/**
 * The limits a form asks for. A CRM whose mode is left at "no limit" has none; one the form does not send
 * (a page older than a CRM) keeps its saved limit. Numbers are passed on as typed (blank as NaN) for the
 * policy schema to refuse with the field's name.
 */
export function recordViewLimitsFromForm(draft: Record<string, string>, saved: PolicyUpdate['recordViewLimits'] = {}): Record<string, unknown> {
  const limits: Record<string, unknown> = { ...saved };
  for (const crm of limitableCrms(saved)) {
    const mode = draft[limitField(crm.id, 'mode')];
    if (mode === undefined) continue;
    if (mode === '') {
      delete limits[crm.id];
      continue;
    }
    const number = (part: 'opens' | 'periodHours') => {
      const value = draft[limitField(crm.id, part)] ?? '';
      return value.trim() === '' ? NaN : Number(value);
    };
    limits[crm.id] = { opens: number('opens'), periodHours: number('periodHours'), mode };
  }
  return limits;
}

const PARTS: Record<string, string> = { opens: 'opens allowed per record', periodHours: 'period (hours)', mode: 'mode' };

/** "Record-view limit of Salesforce, opens allowed per record" for an issue at recordViewLimits.salesforce.opens. */
export function limitLabel(path: readonly PropertyKey[]): string | undefined {
  if (path[0] === 'companyTenants') return path.length > 1 ? `Company tenants, entry ${Number(path[1]) + 1}` : 'Company tenants';
  if (path[0] !== 'recordViewLimits' || path.length < 2) return undefined;
  const crm = String(path[1]);
  const name = BUILT_IN_CRM_SITES.find((s) => s.id === crm)?.name ?? crm;
  return `Record-view limit of ${name}${path[2] !== undefined ? `, ${PARTS[String(path[2])] ?? String(path[2])}` : ''}`;
}
