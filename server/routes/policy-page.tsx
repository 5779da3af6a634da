import { Hono, type Context } from 'hono';
import { BUILT_IN_CRM_SITES, BUILT_IN_PERSONAL_DESTINATIONS, PolicyUpdate, type Site } from '../../shared/policy';
import { CSRF_FIELD } from '../auth';
import { requirePage } from '../page-auth';
import { changePolicy, loadPolicy, loadPolicyOverrides } from '../policy';
import { PolicyPage } from '../views/policy';
import type { AppEnv } from '../env';
import { readForm } from '../read-form';

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

async function policyPage(c: Context<AppEnv>, extra: { draft?: Record<string, string>; error?: string; info?: string } = {}, status: 200 | 400 = 200) {
  const { store, secrets } = c.var.services;
  const [{ fingerprintSalt: _, ...policy }, overrides] = await Promise.all([loadPolicy(store, secrets.fingerprintSalt), loadPolicyOverrides(store)]);
  return c.html(<PolicyPage viewer={c.var.person} policy={policy} overrides={overrides} builtIn={{ crmSites: BUILT_IN_CRM_SITES, personalDestinations: BUILT_IN_PERSONAL_DESTINATIONS }} {...extra} />, status);
}

export const policyPageRoutes = new Hono<AppEnv>()
  .get('/policy', requirePage('admin'), (c) => policyPage(c))
  .post('/policy', requirePage('admin'), async (c) => {
    const form = await readForm(c);
    const draft = Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== CSRF_FIELD && typeof v === 'string')) as Record<string, string>;
    const crmSites = parseSites(draft.crmSites ?? '', 'CRM sites');
    const personalDestinations = parseSites(draft.personalDestinations ?? '', 'Personal destinations');
    if (typeof crmSites === 'string' || typeof personalDestinations === 'string') {
      return policyPage(c, { draft, error: typeof crmSites === 'string' ? crmSites : personalDestinations as string }, 400);
    }
    const current = await loadPolicyOverrides(c.var.services.store);
    // The risk-model overrides are edited through the API; the form keeps them as they are.
    const parsed = PolicyUpdate.safeParse({
      ...current, crmSites, personalDestinations,
      thresholds: { copyMinContacts: Number(draft.copyMinContacts), pasteMinContacts: Number(draft.pasteMinContacts), sequenceWindowHours: Number(draft.sequenceWindowHours) },
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return policyPage(c, { draft, error: `${issue.path.join('.')}: ${issue.message}` }, 400);
    }
    const { before, after } = await changePolicy(c.var.services, c.var.person.subject, parsed.data, 'console');
    return policyPage(c, { info: before.version === after.version ? 'Nothing changed.' : `Saved: policy version ${after.version}.` });
  });
