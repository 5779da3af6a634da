import * as z from 'zod';
import { PreviousFingerprintSalt } from '../../shared/policy';
import type { Store } from '../store/store';

/** The setting a rotation is kept in; without it the salt is the one created on first start (`fingerprint_salt`). */
export const SALT_ROTATION_SETTING = 'fingerprint_salt.rotation';

/**
 * The newest rotation of the device salt: the salt devices use now and, until `previous.until`, the one
 * it replaced. Kept in the database with the first salt, since every server of a deployment must serve
 * the same policy.
 */
export const SaltRotation = z.object({
  salt: z.string().min(16),
  rotatedAt: z.iso.datetime({ offset: true }),
  previous: PreviousFingerprintSalt.optional(),
});
export type SaltRotation = z.infer<typeof SaltRotation>;

export async function loadSaltRotation(store: Store): Promise<SaltRotation | undefined> {
  const stored = await store.getSetting(SALT_ROTATION_SETTING);
  return stored ? SaltRotation.parse(JSON.parse(stored)) : undefined;
}

/** What the policy tells devices: the current salt and, while its window is open, the previous one. */
export async function deviceSalts(store: Store, firstSalt: string, now: Date): Promise<{ fingerprintSalt: string; previousFingerprintSalt?: PreviousFingerprintSalt }> {
  const rotation = await loadSaltRotation(store);
  if (!rotation) return { fingerprintSalt: firstSalt };
  return { fingerprintSalt: rotation.salt, ...(windowOpen(rotation, now) && { previousFingerprintSalt: rotation.previous }) };
}

export function windowOpen(rotation: SaltRotation | undefined, at: Date): rotation is SaltRotation & { previous: PreviousFingerprintSalt } {
  return rotation?.previous !== undefined && Date.parse(rotation.previous.until) > at.getTime();
}

/**
 * Whether an event's `previousFingerprints` are kept: only for an event that happened while a rotation's
 * window was open (devices stop using the previous salt at `until` by their own clock). Anything else
 * (no rotation, or a set from after the window) is dropped: it can match nothing a device sent honestly.
 */
export function acceptsPreviousFingerprints(rotation: SaltRotation | undefined, occurredAt: string): boolean {
  if (!rotation?.previous) return false;
  const at = Date.parse(occurredAt);
  return at <= Date.parse(rotation.previous.until) && at >= Date.parse(rotation.rotatedAt) - CLOCK_SKEW_MS;
}

/** Device clocks run a little ahead of or behind the server's. */
const CLOCK_SKEW_MS = 24 * 3_600_000;
