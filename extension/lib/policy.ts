import { browser } from 'wxt/browser';
import { BUILT_IN_CRM_SITES, BUILT_IN_PERSONAL_DESTINATIONS, DEFAULT_COVERAGE, DEFAULT_RETENTION_DAYS, DEFAULT_THRESHOLDS, Policy } from '../../shared/policy';

export const POLICY_KEY = 'policy';

/** Until the server answers, the built-in sites are watched; fingerprints wait for the deployment's salt. */
export const BUILT_IN_POLICY: Omit<Policy, 'fingerprintSalt'> & { fingerprintSalt?: string } = {
  version: 'built-in',
  crmSites: BUILT_IN_CRM_SITES,
  personalDestinations: BUILT_IN_PERSONAL_DESTINATIONS,
  companyTenants: [],
  recordViewLimits: {},
  thresholds: DEFAULT_THRESHOLDS,
  risk: {},
  retentionDays: DEFAULT_RETENTION_DAYS,
  coverage: DEFAULT_COVERAGE,
  keepUploadNames: false,
  exportReRequest: false,
};
export type AgentPolicy = typeof BUILT_IN_POLICY;

export async function cachedPolicy(): Promise<AgentPolicy> {
  const stored = await browser.storage.local.get(POLICY_KEY);
  const parsed = Policy.safeParse(stored[POLICY_KEY]);
  return parsed.success ? parsed.data : BUILT_IN_POLICY;
}

export async function cachePolicy(policy: Policy): Promise<void> {
  await browser.storage.local.set({ [POLICY_KEY]: policy });
}
