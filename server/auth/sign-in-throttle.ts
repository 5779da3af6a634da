import type { Services } from '../env';

/**
 * Slowing password guessing without handing an attacker a way to lock the owner out. Failures are counted
 * in the database (every server process sees them) over an hour, under three keys, each with a number of
 * free attempts and then a delay that doubles with every further failure:
 * - the account from one address: the guesser's own address soon waits up to fifteen minutes;
 * - the address across accounts: spraying many accounts from one place;
 * - the account from anywhere: a distributed guesser, capped at a minute so the owner, signing in from an
 *   address of their own, never waits longer than that.
 * An admin's unlock forgets an account's failures; the identity provider's sign-in never passes here.
 */
export const FAILURE_WINDOW_MS = 60 * 60_000;

interface Rule { key: string; free: number; maxDelayMs: number; since: string }

export function delayAfter(failures: number, free: number, maxDelayMs: number): number {
  return failures < free ? 0 : Math.min(maxDelayMs, 1000 * 2 ** (failures - free));
}

export const accountKey = (username: string) => `user:${username.toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;
const pairKey = (username: string, address: string) => `${accountKey(username)}|${addressKey(address)}`;
const unlockSetting = (username: string) => `sign_in_unlocked:${username.toLowerCase()}`;

/** The keys a failure is recorded under. */
export function failureKeys(username: string | undefined, address: string): string[] {
  return username ? [accountKey(username), pairKey(username, address), addressKey(address)] : [addressKey(address)];
}

/** Keys a successful sign-in forgets: the owner proved who they are, from this address. */
export function successKeys(username: string, address: string): string[] {
  return [accountKey(username), pairKey(username, address)];
}

/** How long this attempt must wait (ms), 0 when it may be checked now. */
export async function signInWait(services: Services, username: string | undefined, address: string): Promise<number> {
  const at = services.now().getTime();
  const windowStart = new Date(at - FAILURE_WINDOW_MS).toISOString();
  const unlockedAt = username ? await services.store.getSetting(unlockSetting(username)) : undefined;
  // Failures up to and including the unlock's millisecond no longer count.
  const afterUnlock = unlockedAt && new Date(Date.parse(unlockedAt) + 1).toISOString();
  const accountSince = afterUnlock && afterUnlock > windowStart ? afterUnlock : windowStart;
  const rules: Rule[] = [{ key: addressKey(address), free: 10, maxDelayMs: 15 * 60_000, since: windowStart }];
  if (username) {
    rules.push({ key: pairKey(username, address), free: 3, maxDelayMs: 15 * 60_000, since: accountSince });
    rules.push({ key: accountKey(username), free: 5, maxDelayMs: 60_000, since: accountSince });
  }
  let wait = 0;
  for (const rule of rules) {
    const failures = await services.store.countLoginFailures(rule.key, rule.since);
    const delay = delayAfter(failures, rule.free, rule.maxDelayMs);
    if (delay === 0) continue;
    // Only the time since the latest failure matters: was there one less than `delay` ago?
    const recentSince = new Date(Math.max(at - delay + 1, Date.parse(rule.since))).toISOString();
    if ((await services.store.countLoginFailures(rule.key, recentSince)) > 0) wait = Math.max(wait, delay);
  }
  return wait;
}

/** An admin lets the account's owner in again at once: failures before now no longer count for it. */
export async function unlockAccount(services: Services, username: string): Promise<void> {
  await services.store.setSetting(unlockSetting(username), services.now().toISOString());
}
