import { createHash } from 'node:crypto';
import {
  BUILT_IN_CRM_SITES,
  BUILT_IN_PERSONAL_DESTINATIONS,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_COVERAGE,
  DEFAULT_THRESHOLDS,
  PolicyOverrides,
  type PolicyUpdate,
  type Destination,
  type Policy,
  type Site,
} from '../../shared/policy';
import type { DestinationMode } from '../../shared/destinations';
import { modelWith, RISK_MODEL, type RiskModel } from '../risk/model';
import { recordAudit } from '../audit/audit';
import type { Services } from '../env';
import type { Store } from '../store/store';
import { deviceSalts } from './fingerprint-salt';

const POLICY_KEY = 'policy.overrides';

/**
 * The policy extensions receive: built-in sites, then the ones an administrator added, and the thresholds.
 * `firstSalt` is the device salt created on first start; a rotation kept in the database supersedes it
 * (server/policy/fingerprint-salt.ts), and `now` decides whether the previous salt is still served.
 */
export async function loadPolicy(store: Store, firstSalt: string, now: Date = new Date()): Promise<Policy> {
  const [overrides, salts] = await Promise.all([loadPolicyOverrides(store), deviceSalts(store, firstSalt, now)]);
  const body = {
    crmSites: mergeSites(BUILT_IN_CRM_SITES, overrides.crmSites),
    personalDestinations: withModes(mergeSites(BUILT_IN_PERSONAL_DESTINATIONS, overrides.personalDestinations), overrides.destinationModes),
    companyTenants: overrides.companyTenants ?? [],
    recordViewLimits: overrides.recordViewLimits ?? {},
    thresholds: { ...DEFAULT_THRESHOLDS, ...overrides.thresholds },
    ...salts,
    risk: overrides.risk ?? {},
    retentionDays: overrides.retentionDays ?? DEFAULT_RETENTION_DAYS,
    coverage: { ...DEFAULT_COVERAGE, ...overrides.coverage },
    keepUploadNames: overrides.keepUploadNames ?? false,
    // Only when set, so the version of an unchanged policy stays what it was.
    ...(overrides.exportReRequest !== undefined && { exportReRequest: overrides.exportReRequest }),
  };
  const version = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { version, exportReRequest: false, ...body };
}

/** What an administrator changed, as last saved (the policy editor edits this, not the merged policy). */
export async function loadPolicyOverrides(store: Store): Promise<PolicyUpdate> {
  const stored = await store.getSetting(POLICY_KEY);
  // Stored overrides were checked when saved; a destination id that a later version no longer has must not break every request.
  return stored ? PolicyOverrides.parse(JSON.parse(stored)) : {};
}

export async function savePolicyOverrides(store: Store, update: PolicyUpdate): Promise<void> {
  await store.setSetting(POLICY_KEY, JSON.stringify(update));
}

/** Saves a policy change and writes it to the audit log with the versions before and after. */
export async function changePolicy(services: Services, actor: string, update: PolicyUpdate, via: 'api' | 'console') {
  const { store, secrets } = services;
  const before = await loadPolicy(store, secrets.fingerprintSalt);
  await savePolicyOverrides(store, update);
  const after = await loadPolicy(store, secrets.fingerprintSalt);
  await recordAudit(services, actor, 'policy.update', 'policy', { from: before.version, to: after.version, overrides: update, via });
  return { before, after };
}

/**
 * An added site with a built-in id extends that site's patterns (and replaces any destination setting it
 * gives: kind, mode, personal account domains); a new id is appended.
 */
function mergeSites<T extends Site>(builtIn: T[], added: T[] = []): T[] {
  const merged = new Map(builtIn.map((s) => [s.id, { ...s, matches: [...s.matches] }]));
  for (const site of added) {
    const existing = merged.get(site.id);
    if (existing) merged.set(site.id, { ...existing, ...site, name: existing.name, matches: [...new Set([...existing.matches, ...site.matches])] });
    else merged.set(site.id, site);
  }
  return [...merged.values()];
}

/** Every destination gets its mode: its own entry in `destinationModes`, else its own `mode`, else `*`, else audit. */
function withModes(sites: Destination[], modes: Record<string, DestinationMode> = {}): Destination[] {
  return sites.map((s) => ({ ...s, mode: modes[s.id] ?? s.mode ?? modes['*'] ?? 'audit' }));
}

/** What scoring needs from the policy: the sequence window and the risk model with the overrides applied. */
export interface ScoringSettings {
  sequenceWindowHours: number;
  model: RiskModel;
}

/** The defaults: a 24 h sequence window and the documented model. */
export const DEFAULT_SCORING: ScoringSettings = { sequenceWindowHours: 24, model: RISK_MODEL };

let lastModel: { key: string; model: RiskModel } | undefined;

export async function scoringSettings(store: Store, fingerprintSalt: string): Promise<ScoringSettings> {
  const policy = await loadPolicy(store, fingerprintSalt);
  // The same overrides give the same model object, so caches keyed on it (peer baselines) stay valid.
  const key = JSON.stringify(policy.risk);
  if (lastModel?.key !== key) lastModel = { key, model: key === '{}' ? RISK_MODEL : modelWith(policy.risk) };
  return { sequenceWindowHours: policy.thresholds.sequenceWindowHours, model: lastModel.model };
}
