import { browser } from 'wxt/browser';
import { readConfig } from '../../lib/config';
import { cachedPolicy } from '../../lib/policy';
import { eventQueue } from '../../lib/queue';

async function render() {
  const [config, policy, queued] = await Promise.all([readConfig(), cachedPolicy(), eventQueue().depth()]);
  const enrolled = (await browser.storage.local.get('device')).device !== undefined;
  const rows: [string, string][] = [
    ['Employee', config.employeeEmail || 'not set'],
    ['Server', config.serverUrl || 'not set'],
    ['Enrolled', enrolled ? 'yes' : 'no'],
    ['Waiting to send', String(queued)],
  ];
  const status = document.getElementById('status')!;
  status.replaceChildren(...rows.flatMap(([k, v]) => [Object.assign(document.createElement('dt'), { textContent: k }), Object.assign(document.createElement('dd'), { textContent: v })]));
  const sites = [...policy.crmSites.map((s) => `${s.name} (CRM)`), ...policy.personalDestinations.map((s) => `${s.name} (personal)`)];
  document.getElementById('sites')!.replaceChildren(...sites.map((s) => Object.assign(document.createElement('li'), { textContent: s })));
}

void render();
