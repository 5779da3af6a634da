import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOCAL_CONFIG_KEY, readConfig, readConfigSources } from './config';

const colleague = { serverUrl: 'http://127.0.0.1:9', enrollmentToken: 'enr_mine', employeeEmail: 'colleague@acme.example' };

describe('readConfigSources', () => {
  beforeEach(() => fakeBrowser.reset());

  it('takes what the options page saved when neither the policy nor the build sets it', async () => {
    await fakeBrowser.storage.local.set({ [LOCAL_CONFIG_KEY]: colleague });
    const sources = await readConfigSources();
    expect(sources.serverUrl).toEqual({ value: 'http://127.0.0.1:9', source: 'local' });
    expect(sources.employeeEmail).toEqual({ value: 'colleague@acme.example', source: 'local' });
  });

  it('lets no saved setting override a policy value, and takes a managed install\'s employee only from the policy or profile', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://guard.acme.example/', enrollmentToken: 'enr_policy' });
    await fakeBrowser.storage.local.set({ [LOCAL_CONFIG_KEY]: colleague });
    const sources = await readConfigSources();
    expect(sources.serverUrl).toEqual({ value: 'https://guard.acme.example', source: 'managed' });
    expect(sources.enrollmentToken).toEqual({ value: 'enr_policy', source: 'managed' });
    // No policy employee and no signed-in profile here: unset, never the colleague typed into the options page.
    expect(sources.employeeEmail).toEqual({ value: '', source: 'unset' });
    expect((await readConfig()).employeeEmail).toBe('');
  });
});
