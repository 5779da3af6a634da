import { browser } from 'wxt/browser';

/** Where this browser reports to and as whom. */
export interface AgentConfig {
  serverUrl: string;
  enrollmentToken: string;
  employeeEmail: string;
}

export const CONFIG_KEYS = ['serverUrl', 'enrollmentToken', 'employeeEmail'] as const;
export const LOCAL_CONFIG_KEY = 'config';

type Partial = { [K in keyof AgentConfig]?: unknown };

/**
 * The contract's order: enterprise policy (`storage.managed`), then the options page (`storage.local`),
 * then the build-time variables. The employee is the managed key if set, else the signed-in profile
 * (`identity.getProfileUserInfo`), else the options page or build.
 */
export async function readConfig(): Promise<AgentConfig> {
  const [managed, local, profileEmail, verified] = await Promise.all([readManaged(), readLocal(), readProfileEmail(), readVerifiedEmployee()]);
  const built: AgentConfig = {
    serverUrl: import.meta.env.CRMGUARD_SERVER_URL ?? '',
    enrollmentToken: import.meta.env.CRMGUARD_ENROLLMENT_TOKEN ?? '',
    employeeEmail: import.meta.env.CRMGUARD_EMPLOYEE ?? '',
  };
  const pick = (key: keyof AgentConfig, ...layers: Partial[]) => {
    for (const layer of layers) {
      const value = layer[key];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
    return built[key];
  };
  return {
    serverUrl: pick('serverUrl', managed, local).replace(/\/+$/, ''),
    enrollmentToken: pick('enrollmentToken', managed, local),
    // An identity the company's provider verified at enrollment outranks every stated one.
    employeeEmail: pick('employeeEmail', { employeeEmail: verified }, managed, { employeeEmail: profileEmail }, local).toLowerCase(),
  };
}

/** The employee of an enrollment verified through the company's identity provider (lib/oidc-enrollment.ts). */
async function readVerifiedEmployee(): Promise<string> {
  const device = (await browser.storage.local.get('device')).device as { employee?: string; verifiedBy?: string } | undefined;
  return device?.verifiedBy === 'oidc' ? (device.employee ?? '') : '';
}

async function readManaged(): Promise<Partial> {
  try {
    return (await browser.storage.managed.get(null)) as Partial;
  } catch {
    // Firefox rejects when no policy is installed; that simply means "not managed".
    return {};
  }
}

async function readLocal(): Promise<Partial> {
  const stored = await browser.storage.local.get(LOCAL_CONFIG_KEY);
  return (stored[LOCAL_CONFIG_KEY] ?? {}) as Partial;
}

async function readProfileEmail(): Promise<string> {
  // Firefox has no signed-in browser profile to read (no identity.getProfileUserInfo): there the employee
  // comes from policies.json's 3rdparty block, the options page or the build (docs/coverage.md, Firefox).
  if (typeof browser.identity?.getProfileUserInfo !== 'function') return '';
  try {
    const info = await browser.identity.getProfileUserInfo({ accountStatus: 'ANY' } as never);
    return info?.email ?? '';
  } catch {
    return '';
  }
}
