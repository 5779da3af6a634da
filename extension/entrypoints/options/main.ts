import { browser } from 'wxt/browser';
import { CONFIG_KEYS, LOCAL_CONFIG_KEY } from '../../lib/config';

const form = document.getElementById('settings') as HTMLFormElement;

async function load() {
  const stored = ((await browser.storage.local.get(LOCAL_CONFIG_KEY))[LOCAL_CONFIG_KEY] ?? {}) as Record<string, string>;
  for (const key of CONFIG_KEYS) (form.elements.namedItem(key) as HTMLInputElement).value = stored[key] ?? '';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = Object.fromEntries(CONFIG_KEYS.map((k) => [k, (form.elements.namedItem(k) as HTMLInputElement).value.trim()]));
  await browser.storage.local.set({ [LOCAL_CONFIG_KEY]: values });
  // A new server or employee means a new enrollment.
  await browser.storage.local.remove('device');
  document.getElementById('saved')!.textContent = 'Saved.';
});

void load();
