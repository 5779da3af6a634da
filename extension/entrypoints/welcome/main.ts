import { acknowledgeNotice, noticeAcknowledgement } from '../../features/first-run-notice';
import { cachedPolicy } from '../../lib/policy';

const list = (id: string, items: string[]) =>
  document.getElementById(id)!.replaceChildren(...items.map((text) => Object.assign(document.createElement('li'), { textContent: text })));

async function render() {
  const policy = await cachedPolicy();
  list('crm-sites', policy.crmSites.map((s) => s.name));
  list('destinations', policy.personalDestinations.map((s) => s.name));
  const acknowledged = await noticeAcknowledgement();
  if (acknowledged) showAcknowledged(acknowledged.at);
}

function showAcknowledged(at: string) {
  document.getElementById('acknowledged')!.textContent = `Acknowledged on ${new Date(at).toLocaleString()}.`;
  document.getElementById('acknowledge')!.setAttribute('disabled', '');
}

document.getElementById('acknowledge')!.addEventListener('click', async () => {
  showAcknowledged((await acknowledgeNotice()).at);
});

void render();
