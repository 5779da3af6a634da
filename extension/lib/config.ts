import { browser } from 'wxt/browser';

/** Where this browser reports to and as whom. */
export interface AgentConfig {
  serverUrl: string;
  enrollmentToken: string;
  employeeEmail: string;
}

export const CONFIG_KEYS = ['serverUrl', 'enrollmentToken', 'employeeEmail'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];
export const LOCAL_CONFIG_KEY = 'config';

/** Where a value came from: only `local` (the options page) and `unset` may be changed by the person using the browser. */
export type ConfigSource = 'verified' | 'managed' | 'profile' | 'build' | 'local' | 'unset';
export type ConfigSources = Record<ConfigKey, { value: string; source: ConfigSource }>;

type Layer = { [K in ConfigKey]?: unknown };

/**
 * Each value and where it came from. A value the enterprise policy (`storage.managed`) or the build sets
 * cannot be overridden from the options page: the person being monitored must not be able to re-enroll as a
 * colleague or point the extension at a dead server. The options page only fills what neither sets.
 * The employee of a managed install (any policy value present) comes only from the policy or the browser's
 * signed-in profile (`identity.getProfileUserInfo`); elsewhere the profile, then the build, then the options page.
 * An identity the company's provider verified at enrollment (lib/oidc-enrollment.ts) outranks every stated one.
 */
export async function readConfigSources(): Promise<ConfigSources> {
  const [managed, local, profileEmail, verified] = await Promise.all([readManaged(), readLocal(), readProfileEmail(), readVerifiedEmployee()]);
  const built: Layer = {
    serverUrl: import.meta.env.CRMGUARD_SERVER_URL,
    enrollmentToken: import.meta.env.CRMGUARD_ENROLLMENT_TOKEN,
    employeeEmail: import.meta.env.CRMGUARD_EMPLOYEE,
  };
  const isManaged = CONFIG_KEYS.some((k) => nonEmpty(managed[k]));
  const pick = (key: ConfigKey, layers: [ConfigSource, Layer][]) => {
    for (const [source, layer] of layers) {
      const value = nonEmpty(layer[key]);
      if (value) return { value, source };
    }
    return { value: '', source: 'unset' as const };
  };
  const profile: Layer = { employeeEmail: profileEmail };
  const stated: [ConfigSource, Layer][] = isManaged ? [['managed', managed], ['profile', profile]] : [['profile', profile], ['build', built], ['local', local]];
  const employee = pick('employeeEmail', [['verified', { employeeEmail: verified }], ...stated]);
  const serverUrl = pick('serverUrl', [['managed', managed], ['build', built], ['local', local]]);
  return {
    serverUrl: { ...serverUrl, value: serverUrl.value.replace(/\/+$/, '') },
    enrollmentToken: pick('enrollmentToken', [['managed', managed], ['build', built], ['local', local]]),
    employeeEmail: { ...employee, value: employee.value.toLowerCase() },
  };
}

export async function readConfig(): Promise<AgentConfig> {
  const sources = await readConfigSources();
  return { serverUrl: sources.serverUrl.value, enrollmentToken: sources.enrollmentToken.value, employeeEmail: sources.employeeEmail.value };
}

/** Whether the options page may change this value. */
export function isEditable(source: ConfigSource): boolean {
  return source === 'local' || source === 'unset';
}

function nonEmpty(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The employee of an enrollment verified through the company's identity provider (lib/oidc-enrollment.ts). */
async function readVerifiedEmployee(): Promise<string> {
  const device = (await browser.storage.local.get('device')).device as { employee?: string; verifiedBy?: string } | undefined;
  return device?.verifiedBy === 'oidc' ? (device.employee ?? '') : '';
}

async function readManaged(): Promise<Layer> {
  try {
    return (await browser.storage.managed.get(null)) as Layer;
  } catch {
    // Firefox rejects when no policy is installed; that simply means "not managed".
    return {};
  }
}

async function readLocal(): Promise<Layer> {
  const stored = await browser.storage.local.get(LOCAL_CONFIG_KEY);
  return (stored[LOCAL_CONFIG_KEY] ?? {}) as Layer;
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
