import { recordAudit } from '../audit/audit';
import { newSecret } from '../auth/secrets';
import { ApiError } from '../http/errors';
import { lineageWindowMs } from '../scoring/record-lineage';
import type { Services } from '../env';
import { loadSaltRotation, SALT_ROTATION_SETTING, windowOpen, type SaltRotation } from './fingerprint-salt';
import { scoringSettings } from './policy';

/**
 * Rotates the device salt: devices get a new one with the policy, and keep fingerprinting under the old
 * one too for the lineage window (the longer of the scoring window and the departure look-back), so a
 * CRM copy before the rotation still matches an upload after it. After the window the old salt is no
 * longer served. A second rotation while a window is open would end that window early (lineage with
 * data from before the first rotation is lost), so it needs `force`.
 */
export async function rotateFingerprintSalt(services: Services, actor: string, options: { force?: boolean; via: 'api' | 'console' }): Promise<SaltRotation> {
  const { store, secrets, now } = services;
  const at = now();
  const current = await loadSaltRotation(store);
  if (windowOpen(current, at) && !options.force) {
    throw new ApiError(409, 'rotation_window_open', `the previous rotation's lineage window is open until ${current.previous.until}; rotating again ends it early (send force: true to do so anyway)`);
  }
  const { model } = await scoringSettings(store, secrets.fingerprintSalt);
  const until = new Date(at.getTime() + lineageWindowMs(model)).toISOString();
  const rotation: SaltRotation = { salt: newSecret(), rotatedAt: at.toISOString(), previous: { salt: current?.salt ?? secrets.fingerprintSalt, until } };
  await store.setSetting(SALT_ROTATION_SETTING, JSON.stringify(rotation));
  // Never the salts themselves: the log is read by auditors, and a salt reverses fingerprints.
  await recordAudit(services, actor, 'policy.rotate_fingerprint_salt', 'policy', { previousSaltUntil: until, endedOpenWindow: windowOpen(current, at), via: options.via });
  return rotation;
}

/** Forgets a previous salt whose window has closed, so the database no longer holds it (the retention purge calls this). */
export async function forgetExpiredSalt(services: Services): Promise<boolean> {
  const rotation = await loadSaltRotation(services.store);
  if (!rotation?.previous || windowOpen(rotation, services.now())) return false;
  const { previous: _, ...rest } = rotation;
  await services.store.setSetting(SALT_ROTATION_SETTING, JSON.stringify(rest));
  return true;
}
