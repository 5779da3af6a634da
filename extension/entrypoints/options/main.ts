import { browser } from 'wxt/browser';
import { CONFIG_KEYS, isEditable, LOCAL_CONFIG_KEY, readConfigSources, type ConfigSource } from '../../lib/config';

const form = document.getElementById('settings') as HTMLFormElement;
const field = (key: string) => form.elements.namedItem(key) as HTMLInputElement;

/** Why a field cannot be changed here, shown under it. */
const LOCKED_BY: Partial<Record<ConfigSource, string>> = {
  verified: 'Verified by your company sign-in when this browser enrolled.',
  managed: "Set by your organisation's policy.",
  build: 'Set by your organisation when this extension was built.',
  profile: 'The account this browser profile is signed in with.',
};

async function load() {
  const sources = await readConfigSources();
  for (const key of CONFIG_KEYS) {
    const { value, source } = sources[key];
    const input = field(key);
    input.value = value;
    input.readOnly = !isEditable(source);
    const note = document.getElementById(`${key}-source`)!;
    note.textContent = LOCKED_BY[source] ?? '';
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const sources = await readConfigSources();
  // Only what neither the policy nor the build sets is kept; a locked field edited in the page's DOM changes nothing.
  const values = Object.fromEntries(CONFIG_KEYS.filter((k) => isEditable(sources[k].source)).map((k) => [k, field(k).value.trim()]));
  await browser.storage.local.set({ [LOCAL_CONFIG_KEY]: values });
  document.getElementById('saved')!.textContent = 'Saved.';
  await load();
});

void load();
