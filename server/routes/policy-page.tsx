import { Hono, type Context } from 'hono';
import { BUILT_IN_CRM_SITES, BUILT_IN_PERSONAL_DESTINATIONS, PolicyUpdate, type Destination, type Site } from '../../shared/policy';
import { CSRF_FIELD } from '../auth/auth';
import { requirePage } from '../auth/page-auth';
import { changePolicy, loadPolicy, loadPolicyOverrides } from '../policy/policy';
import { PolicyPage } from '../views/policy';
import type { AppEnv } from '../env';
import { readForm } from '../http/read-form';
import { ApiError } from '../http/errors';
import { loadSaltRotation } from '../policy/fingerprint-salt';
import { rotateFingerprintSalt } from '../policy/rotate-fingerprint-salt';
import { limitLabel, parseCompanyTenants, recordViewLimitsFromForm } from '../policy/tenants-and-limits-form';

/** Parses the editor's `id | name | patterns` lines; a bad line is named by its number. */
export function parseSites(text: string, what: string): Site[] | string {
  const sites: Site[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const [id, name, patterns] = line.split('|').map((p) => p.trim());
    if (!id || !name || !patterns) return `${what}, line ${i + 1}: write id | name | match patterns`;
    sites.push({ id, name, matches: patterns.split(/\s+/) });
  }
  return sites;
}

/** Every destination once, built in first, with the `mode` its definition carries (an added one may give its own). */
function destinationsOf(overrides: PolicyUpdate): Destination[] {
  const byId = new Map<string, Destination>(BUILT_IN_PERSONAL_DESTINATIONS.map((d) => [d.id, d]));
  for (const d of overrides.personalDestinations ?? []) byId.set(d.id, { ...byId.get(d.id), ...d, name: byId.get(d.id)?.name ?? d.name });
  return [...byId.values()];
}

/** A number field; one the form does not send keeps its saved value, a blank one is refused (NaN). */
function numberField(draft: Record<string, string>, name: string, saved: number | undefined): number | undefined {
  const value = draft[name];
  if (value === undefined) return saved;
  return value.trim() === '' ? NaN : Number(value);
}

/**
 * The modes a form asks for: a select left at "default" removes the entry. A destination removed from the
 * list takes its mode with it, so its select (still on the submitted page) is not an unknown id.
 */
function modesFromForm(draft: Record<string, string>, current: PolicyUpdate, kept: Destination[]): Record<string, string> {
  const keptIds = new Set(kept.map((d) => d.id));
  const builtIn = new Set(BUILT_IN_PERSONAL_DESTINATIONS.map((d) => d.id));
  // An extension of a built-in (an added `gmail` line) going away leaves the built-in, and its mode, in place.
  const removed = new Set((current.personalDestinations ?? []).map((d) => d.id).filter((id) => !keptIds.has(id) && !builtIn.has(id)));
  const modes: Record<string, string> = Object.fromEntries(Object.entries(current.destinationModes ?? {}).filter(([id]) => !removed.has(id)));
  for (const [name, value] of Object.entries(draft)) {
    const id = name.startsWith('mode.') ? name.slice('mode.'.length) : undefined;
    if (id === undefined || removed.has(id)) continue;
    if (value === '') delete modes[id];
    else modes[id] = value;
  }
  return modes;
}

/**
 * The overrides a submitted form asks for. The textarea shows an added destination as id | name | patterns
 * only, so what else it carried (kind, mode, personal account domains) is kept from the saved one with
 * that id. Company tenants and record-view limits: tenants-and-limits-form.ts. The risk-model overrides
 * are edited through the API; the form keeps them as they are.
 */
function updateFromForm(draft: Record<string, string>, current: PolicyUpdate, crmSites: Site[], sites: Site[], companyTenants: string[] | undefined) {
  const saved = new Map((current.personalDestinations ?? []).map((d) => [d.id, d]));
  const personalDestinations = sites.map((s) => ({ ...saved.get(s.id), ...s }));
  return PolicyUpdate.safeParse({
    ...current, crmSites, personalDestinations,
    destinationModes: modesFromForm(draft, current, personalDestinations),
    companyTenants: companyTenants ?? current.companyTenants,
    recordViewLimits: recordViewLimitsFromForm(draft, current.recordViewLimits),
    thresholds: { copyMinContacts: Number(draft.copyMinContacts), pasteMinContacts: Number(draft.pasteMinContacts), sequenceWindowHours: Number(draft.sequenceWindowHours) },
    retentionDays: numberField(draft, 'retentionDays', current.retentionDays),
    coverage: { ...current.coverage, silentAfterHours: numberField(draft, 'silentAfterHours', current.coverage?.silentAfterHours) },
  });
}

/** The page's own words for a refused field, so the message names what the administrator sees. */
const FIELD_LABELS: Record<string, string> = {
  retentionDays: 'Keep events for (days)',
  'coverage.silentAfterHours': 'Device silent after (hours)',
  'thresholds.copyMinContacts': 'Copy reported from (contacts)',
  'thresholds.pasteMinContacts': 'Paste reported from (contacts)',
  'thresholds.sequenceWindowHours': 'Sequence window (hours)',
};

function fieldLabel(path: PropertyKey[]): string {
  const key = path.map(String).join('.');
  if (path[0] === 'destinationModes' && path.length === 2) return `Mode of ${String(path[1])}`;
  return FIELD_LABELS[key] ?? limitLabel(path) ?? key;
}

async function policyPage(c: Context<AppEnv>, extra: { draft?: Record<string, string>; error?: string; info?: string } = {}, status: 200 | 400 = 200) {
  const { store, secrets, now } = c.var.services;
  const [{ fingerprintSalt: _, previousFingerprintSalt: __, ...policy }, overrides, saltRotation] = await Promise.all([loadPolicy(store, secrets.fingerprintSalt, now()), loadPolicyOverrides(store), loadSaltRotation(store)]);
  return c.html(<PolicyPage viewer={c.var.person} policy={policy} overrides={overrides} saltRotation={saltRotation} now={now()} builtIn={{ crmSites: BUILT_IN_CRM_SITES, personalDestinations: BUILT_IN_PERSONAL_DESTINATIONS }} destinations={destinationsOf(overrides)} {...extra} />, status);
}

export const policyPageRoutes = new Hono<AppEnv>()
  .get('/policy', requirePage('admin'), (c) => policyPage(c))
  .post('/policy', requirePage('admin'), async (c) => {
    const form = await readForm(c);
    const draft = Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== CSRF_FIELD && typeof v === 'string')) as Record<string, string>;
    const crmSites = parseSites(draft.crmSites ?? '', 'CRM sites');
    const personalDestinations = parseSites(draft.personalDestinations ?? '', 'Personal destinations');
    // A form without the field (a page from before it existed) keeps the saved tenants.
    const companyTenants = draft.companyTenants === undefined ? undefined : parseCompanyTenants(draft.companyTenants);
    const refused = [crmSites, personalDestinations, companyTenants].find((r) => typeof r === 'string');
    if (typeof crmSites === 'string' || typeof personalDestinations === 'string' || typeof companyTenants === 'string') {
      return policyPage(c, { draft, error: refused as string }, 400);
    }
    const parsed = updateFromForm(draft, await loadPolicyOverrides(c.var.services.store), crmSites, personalDestinations, companyTenants);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return policyPage(c, { draft, error: `${fieldLabel(issue.path)}: ${issue.message}` }, 400);
    }
    const { before, after } = await changePolicy(c.var.services, c.var.person.subject, parsed.data, 'console');
    return policyPage(c, { info: before.version === after.version ? 'Nothing changed.' : `Saved: policy version ${after.version}.` });
  })
  .post('/policy/salt-rotation', requirePage('admin'), async (c) => {
    const form = await readForm(c);
    try {
      const rotation = await rotateFingerprintSalt(c.var.services, c.var.person.subject, { force: form.force === '1', via: 'console' });
      return policyPage(c, { info: `Device salt rotated; the previous salt is served until ${rotation.previous?.until}.` });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return policyPage(c, { error: error.message }, 400);
      throw error;
    }
  });
