/**
 * Lineage: does a file or paste sent to a personal destination carry contacts this employee saw in a CRM?
 * Both sides are salted fingerprints, possibly sampled by level (see shared/events.ts `fingerprintLevel`):
 * comparing at the coarser of the two levels keeps the share unbiased.
 */

export interface FingerprintSet {
  eventId: string;
  fingerprints: readonly string[];
  fingerprintLevel: number;
}

export interface LineageMatch {
  /** Upload fingerprints (at the comparison level) also seen in the CRM. */
  matched: number;
  /** Upload fingerprints at the comparison level. */
  total: number;
  /** matched ÷ total, 0–1. */
  share: number;
  /** The CRM events whose contacts the upload carries. */
  sourceEventIds: string[];
  /**
   * The matched fingerprints themselves (at `level`), so that several uploads of the same contacts count
   * them once. Absent on lineage recorded before migration 0013.
   */
  matchedFingerprints?: string[];
  /** The comparison level of `matched` (see `atLevel`). */
  level?: number;
}

/** Keeps the fingerprints whose first `level` bits are zero. */
export function atLevel(fingerprints: readonly string[], level: number): string[] {
  if (level === 0) return [...fingerprints];
  const limit = 2 ** (16 - level);
  return fingerprints.filter((fp) => Number.parseInt(fp.slice(0, 4), 16) < limit);
}

export function matchLineage(upload: FingerprintSet, crmSources: readonly FingerprintSet[]): LineageMatch | undefined {
  if (upload.fingerprints.length === 0 || crmSources.length === 0) return undefined;
  const level = Math.max(upload.fingerprintLevel, ...crmSources.map((s) => s.fingerprintLevel));
  const uploaded = new Set(atLevel(upload.fingerprints, level));
  if (uploaded.size === 0) return undefined;

  const seen = new Set<string>();
  const sourceEventIds: string[] = [];
  for (const source of crmSources) {
    let contributed = false;
    for (const fp of atLevel(source.fingerprints, level)) {
      if (!uploaded.has(fp)) continue;
      seen.add(fp);
      contributed = true;
    }
    if (contributed) sourceEventIds.push(source.eventId);
  }
  if (seen.size === 0) return undefined;
  return { matched: seen.size, total: uploaded.size, share: seen.size / uploaded.size, sourceEventIds, matchedFingerprints: [...seen].sort(), level };
}

/**
 * How many distinct CRM contacts several uploads and pastes carried together: the same 48 contacts
 * uploaded, pasted and uploaded again are 48, not 144. Compared at the coarsest level among them (as
 * `matchLineage` does). Lineage stored without its fingerprints counts as its own `matched`, and the
 * result is never less than any one match: a lower bound rather than an inflated sum.
 */
export function distinctContacts(matches: readonly LineageMatch[]): number {
  if (matches.length === 0) return 0;
  const known = matches.filter((m) => m.matchedFingerprints !== undefined);
  const level = Math.max(0, ...known.map((m) => m.level ?? 0));
  const union = new Set(known.flatMap((m) => atLevel(m.matchedFingerprints!, level)));
  return Math.max(union.size, ...matches.map((m) => m.matched));
}

/** Enough overlap to call it CRM data, not a coincidence such as the employee's own address. */
export function isSignificantLineage(match: LineageMatch | undefined): match is LineageMatch {
  return match !== undefined && match.matched >= 2 && (match.matched >= 3 || match.share >= 0.5);
}
