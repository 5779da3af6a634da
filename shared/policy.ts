import * as z from 'zod';
import { CompanyTenant } from './company-tenants';
import { RecordViewLimits } from './record-view-limit';
import { BUILT_IN_PERSONAL_DESTINATIONS as DESTINATIONS, DestinationFields, DestinationMode } from './destinations';

/**
 * A Chrome match pattern (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns),
 * the form `scripting.registerContentScripts` takes, e.g. `https://*.force.com/*`.
 */
export const MatchPattern = z
  .string()
  .max(512)
  .regex(/^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)\/.*$/, 'a match pattern like https://*.example.com/*');

export const Site = z.object({
  /** Short stable id that events carry, e.g. `salesforce`, `gmail`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, _ and -'),
  name: z.string().min(1).max(128),
  matches: z.array(MatchPattern).min(1).max(64),
});
export type Site = z.infer<typeof Site>;

/** A personal destination: a site, with its kind, mode and (for Google) how a personal account is told apart. */
export const Destination = Site.extend(DestinationFields);
export type Destination = z.infer<typeof Destination>;

export const Thresholds = z.object({
  /** A copy on a CRM page is reported when it holds at least this many e-mails or phone numbers. */
  copyMinContacts: z.int().min(1).max(100_000),
  /** A paste into a personal destination is reported at this many e-mails or phone numbers. */
  pasteMinContacts: z.int().min(1).max(100_000),
  /** A collection followed by an exfiltration within this many hours raises an alert. */
  sequenceWindowHours: z.number().positive().max(24 * 30),
});
export type Thresholds = z.infer<typeof Thresholds>;

const IndicatorWeights = z.object({
  weight: z.number().min(0).max(100),
  floor: z.number().positive().max(1e9),
  presence: z.number().min(0).max(100),
}).partial();

/**
 * Overrides of the risk model's documented defaults (docs/risk-model.md); anything not given keeps its
 * default. Indicator names: exports, export_rows, copy_contacts, record_views, prints, uploads,
 * upload_contacts, paste_contacts, after_hours, heartbeats, over_limit_views, over_limit_reasons.
 */
export const RiskOverrides = z.object({
  windowDays: z.int().min(7).max(90),
  baselineDays: z.int().min(14).max(365),
  halfLifeDays: z.number().positive().max(90),
  saturation: z.number().positive().max(1000),
  minBaselineDays: z.int().min(1).max(60),
  oneSidedShare: z.number().min(0).max(1),
  deadZone: z.number().min(0).max(10),
  sequencePoints: z.number().min(0).max(200),
  lineageBase: z.number().min(0).max(200),
  lineagePerShare: z.number().min(0).max(200),
  cumulativePerDoubling: z.number().min(0).max(200),
  cumulativeFloor: z.number().min(0),
  cumulativeCollectionPerDoubling: z.number().min(0).max(200),
  cumulativeCollectionDeadZone: z.number().min(0).max(10),
  collectionBurstPerDoubling: z.number().min(0).max(200),
  collectionBurstDays: z.int().min(1).max(30),
  collectionBurstFloor: z.number().positive(),
  collectionBurstMinHistoryDays: z.int().min(0).max(365),
  onboardingDays: z.int().min(0).max(365),
  onboardingAfterGroupDays: z.int().min(1).max(365),
  onboardingAllowance: z.number().min(0).max(1000),
  sustainedGrowthPerDoubling: z.number().min(0).max(200),
  sustainedGrowthMinZ: z.number().min(0).max(50),
  loneExfiltrationContacts: z.number().int().min(0).max(100_000),
  loneExfiltrationShare: z.number().min(0).max(1),
  departureLookbackDays: z.int().min(0).max(365),
  departureBoost: z.number().min(1).max(10),
  departureHalfLifeDays: z.number().positive().max(365),
  afterLastWorkingDay: z.number().min(0).max(500),
  uploadContactsMin: z.int().min(1),
  coverageGapHours: z.number().min(24).max(24 * 60),
  coverageGapPoints: z.number().min(0).max(100),
  overLimitReasonedShare: z.number().min(0).max(1),
  indicators: z.partialRecord(z.enum(['exports', 'export_rows', 'copy_contacts', 'record_views', 'prints', 'uploads', 'upload_contacts', 'paste_contacts', 'after_hours', 'heartbeats', 'over_limit_views', 'over_limit_reasons']), IndicatorWeights),
}).partial();
export type RiskOverrides = z.infer<typeof RiskOverrides>;

/** How long events are kept by default: long enough for a 90-day departure look-back and its baseline. */
export const DEFAULT_RETENTION_DAYS = 180;
export const RetentionDays = z.int().min(7).max(3650);
/** How the server judges a device's coverage. */
export const Coverage = z.object({
  /** A device not heard from (no event, no heartbeat) for this long is listed as silent. */
  silentAfterHours: z.number().positive().max(24 * 90),
});
export type Coverage = z.infer<typeof Coverage>;

export const DEFAULT_COVERAGE: Coverage = { silentAfterHours: 72 };

/** A rotated-out fingerprint salt and when devices stop using it. */
export const PreviousFingerprintSalt = z.object({
  salt: z.string().min(16),
  until: z.iso.datetime({ offset: true }),
});
export type PreviousFingerprintSalt = z.infer<typeof PreviousFingerprintSalt>;

export const Policy = z.object({
  /** Changes whenever anything below changes; extensions re-register content scripts on a new version. */
  version: z.string(),
  crmSites: z.array(Site),
  personalDestinations: z.array(Destination),
  /** The company's own tenants on vendors that also serve private people (shared/company-tenants.ts): not personal. */
  companyTenants: z.array(CompanyTenant).default([]),
  /** The record-view rule per CRM id (shared/record-view-limit.ts). */
  recordViewLimits: RecordViewLimits.default({}),
  thresholds: Thresholds,
  /** Per-deployment salt for contact fingerprints, so hashes mean nothing outside this deployment. */
  fingerprintSalt: z.string().min(16),
  /**
   * After a salt rotation, the salt before it and the end of its lineage window: until then devices
   * fingerprint contacts under both salts (events' `previousFingerprints`), so a CRM copy taken before
   * the rotation still matches an upload after it. Absent when no window is open.
   */
  previousFingerprintSalt: PreviousFingerprintSalt.optional(),
  /** The administrator's changes to the risk model's defaults. */
  risk: RiskOverrides.default({}),
  /** Events and what is derived from them are deleted this many days after they happened. */
  retentionDays: RetentionDays.default(DEFAULT_RETENTION_DAYS),
  coverage: Coverage.default(DEFAULT_COVERAGE),
  /**
   * Whether an upload that carries no contacts and is not an export-like file keeps its file name. By
   * default such an upload reports only its kind, extension and size: a name such as a medical result's
   * says more about the employee than the company needs (data minimisation, GDPR art. 5(1)(c)).
   */
  keepUploadNames: z.boolean().default(false),
  /**
   * Whether the extension may request a server export's URL a second time to count its rows when it
   * cannot read the file the browser saved. Off by default: the CRM's audit trail would show the export
   * twice against the employee, and one-time or POST-generated links cannot be requested again at all.
   */
  exportReRequest: z.boolean().default(false),
});
export type Policy = z.infer<typeof Policy>;

/** What an administrator may change; the built-in sites stay, added ones come after them. */
export const PolicyOverrides = z.object({
  crmSites: z.array(Site).max(200).optional(),
  personalDestinations: z.array(Destination).max(200).optional(),
  /** Mode per destination id; `*` is the default for every destination without one (built-in default: audit). */
  destinationModes: z.record(z.string().max(64), DestinationMode).optional(),
  companyTenants: z.array(CompanyTenant).max(500).optional(),
  recordViewLimits: RecordViewLimits.optional(),
  thresholds: Thresholds.partial().optional(),
  risk: RiskOverrides.optional(),
  retentionDays: RetentionDays.optional(),
  coverage: Coverage.partial().optional(),
  keepUploadNames: z.boolean().optional(),
  exportReRequest: z.boolean().optional(),
});

/** What `PUT /v1/policy` accepts: the overrides, with modes only for destinations that exist. */
export const PolicyUpdate = PolicyOverrides.superRefine((update, ctx) => {
  // A mode for a destination that does not exist (a typo) would silently change nothing.
  const known = new Set(['*', ...DESTINATIONS.map((d) => d.id), ...(update.personalDestinations ?? []).map((d) => d.id)]);
  for (const id of Object.keys(update.destinationModes ?? {})) {
    if (!known.has(id)) ctx.addIssue({ code: 'custom', path: ['destinationModes', id], message: `no personal destination has the id ${id}; use a built-in id, one added here, or *` });
  }
});
export type PolicyUpdate = z.infer<typeof PolicyUpdate>;

/** The built-in CRMs (shared/crm-sites.ts). */
export { BUILT_IN_CRM_SITES } from './crm-sites';

export const BUILT_IN_PERSONAL_DESTINATIONS: Destination[] = DESTINATIONS;

export const DEFAULT_THRESHOLDS: Thresholds = {
  copyMinContacts: 5,
  pasteMinContacts: 5,
  sequenceWindowHours: 24,
};
