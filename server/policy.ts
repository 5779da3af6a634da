import { createHash } from 'node:crypto';
import {
  BUILT_IN_CRM_SITES,
  BUILT_IN_PERSONAL_DESTINATIONS,
  DEFAULT_THRESHOLDS,
  PolicyUpdate,
  type Policy,
  type Site,
} from '../shared/policy';
import type { Store } from './store/store';

const POLICY_KEY = 'policy.overrides';

/** The policy extensions receive: built-in sites, then the ones an administrator added, and the thresholds. */
export async function loadPolicy(store: Store, fingerprintSalt: string): Promise<Policy> {
  const stored = await store.getSetting(POLICY_KEY);
  const overrides = stored ? PolicyUpdate.parse(JSON.parse(stored)) : {};
  const body = {
    crmSites: mergeSites(BUILT_IN_CRM_SITES, overrides.crmSites),
    personalDestinations: mergeSites(BUILT_IN_PERSONAL_DESTINATIONS, overrides.personalDestinations),
    thresholds: { ...DEFAULT_THRESHOLDS, ...overrides.thresholds },
    fingerprintSalt,
  };
  const version = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { version, ...body };
}

export async function savePolicyOverrides(store: Store, update: PolicyUpdate): Promise<void> {
  await store.setSetting(POLICY_KEY, JSON.stringify(update));
}

/** An added site with a built-in id extends that site's patterns; a new id is appended. */
function mergeSites(builtIn: Site[], added: Site[] = []): Site[] {
  const merged = new Map(builtIn.map((s) => [s.id, { ...s, matches: [...s.matches] }]));
  for (const site of added) {
    const existing = merged.get(site.id);
    if (existing) existing.matches = [...new Set([...existing.matches, ...site.matches])];
    else merged.set(site.id, site);
  }
  return [...merged.values()];
}
