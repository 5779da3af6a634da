import { createHmac } from 'node:crypto';
import { newSecret } from '../auth/secrets';
import type { Role, Store } from '../store/store';

/** The secret behind pseudonyms, created on first use (services cache it as `pseudonymKey`). */
export function pseudonymKeyOf(store: Store): Promise<string> {
  return store.initSetting('pseudonym_key', newSecret());
}

/**
 * A stable pseudonym for an employee: HMAC-SHA256 of the e-mail under a deployment secret that never
 * leaves the server, so the same person always gets the same name and nobody without the secret can
 * recompute it from a list of candidate addresses. 48 bits: collisions stay below one in a million
 * pairs' worth for organisations of tens of thousands.
 */
export function pseudonymId(key: string, email: string): string {
  const hex = createHmac('sha256', key).update(email.trim().toLowerCase()).digest('hex').slice(0, 12).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
}

export function pseudonym(key: string, email: string): string {
  return `Employee ${pseudonymId(key, email)}`;
}

/** Security and HR see pseudonyms until they reveal a name with a reason; admins see names. */
export function seesPseudonyms(role: Role): boolean {
  return role === 'security' || role === 'hr';
}

/** How a page names an employee for this viewer. */
export function displayName(key: string, role: Role, email: string): string {
  return seesPseudonyms(role) ? pseudonym(key, email) : email;
}

export const PSEUDONYM_ID = /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/;
