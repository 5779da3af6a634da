import { cachedPolicy, type AgentPolicy } from '../lib/policy';
import { syncPolicy } from './sync';

/** The cached policy; before the first sync there is no salt, so it is fetched rather than lose an event's fingerprints. */
export async function saltedPolicy(): Promise<AgentPolicy> {
  const policy = await cachedPolicy();
  if (policy.fingerprintSalt) return policy;
  await syncPolicy();
  return cachedPolicy();
}
