import { isPersonalUse } from '../../shared/destinations';
import { countContacts, htmlToText, type ContactCounts } from '../lib/classify/contacts';
import { exportFormat, isTextLike } from '../lib/classify/export-format';
import { fileText } from '../lib/classify/file-text';
import { xlsxText } from '../lib/classify/xlsx-text';
import { destinationContext, frameHref, type DestinationContext } from '../lib/destination-context';
import { askBackground } from '../lib/send-to-background';
import { shownAccountDomain } from '../lib/signed-in-account';
import type { Reported } from './content-events';
import { noticeText, showNotice } from './destination-notice';

/** Only this much of a text-like file is scanned for addresses: enough for ~100k contacts, never a whole 1 GB file. */
const SCAN_BYTES = 16 * 1024 * 1024;

type Channel = 'file_input' | 'drop' | 'paste';

/**
 * On a personal destination: files chosen in any file input (hidden ones, ones created later: `change`
 * bubbles to the window; detached ones are attached by the main-world helper), files dropped or pasted,
 * and pasted contact text. Listeners sit on the window in the capture phase from document_start, so in
 * block mode they run before any of the page's own and can stop the event.
 */
export function initUploadDetector(signal: AbortSignal): void {
  const context = destinationContext(signal);
  const options = { capture: true, signal };
  const onFileInput = (event: Event) => {
    // Page script can put a file it made into an input (`input.files = dataTransfer.files`) and dispatch
    // `change`, or dispatch a `drop`/`paste` carrying one: never the employee's action, never trusted.
    if (!event.isTrusted) return;
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file') return;
    const files = input.files?.length ? Array.from(input.files) : [];
    if (blocking(context)) {
      // `input` fires before `change`: stop both, so the page never sees the files, and clear the input.
      stop(event);
      if (files.length === 0) return;
      input.value = '';
    } else if (event.type !== 'change' || files.length === 0) return;
    reportFiles(files, 'file_input', context);
  };
  window.addEventListener('input', onFileInput, options);
  window.addEventListener('change', onFileInput, options);
  window.addEventListener('drop', (event) => {
    if (!event.isTrusted) return;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    if (blocking(context)) stop(event);
    reportFiles(files, 'drop', context);
  }, options);
  window.addEventListener('paste', (event) => {
    if (!event.isTrusted) return;
    const data = event.clipboardData;
    if (!data) return;
    if (data.files.length) {
      if (blocking(context)) stop(event);
      return reportFiles(Array.from(data.files), 'paste', context);
    }
    const { emails, ...counts } = countContacts(data.getData('text/plain') || htmlToText(data.getData('text/html')));
    const contacts = Math.max(counts.emailCount, counts.phoneCount);
    if (contacts === 0) return;
    const accountDomain = shownAccountDomain(document);
    const blocked = contacts >= context.pasteMinContacts && blocking(context, accountDomain);
    if (blocked) stop(event);
    void askBackground<Reported>({ kind: 'webmail.paste', ...counts, emails, mode: context.mode, accountDomain })
      .then((reply) => (reply?.reported || blocked) && notify(reply, 'text', contacts, context));
  }, options);
}

function stop(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

/**
 * Block mode, on a personal account: a corporate one (Workspace on Gmail or Drive, a company tenant such as
 * its Slack workspace or ChatGPT Enterprise accounts) is neither reported nor stopped.
 */
function blocking(context: DestinationContext, accountDomain = shownAccountDomain(document)): boolean {
  return context.mode === 'block' && context.site !== undefined
    && isPersonalUse(context.site, { href: frameHref(), accountDomain, companyTenants: context.companyTenants });
}

function reportFiles(files: File[], channel: Channel, context: DestinationContext): void {
  const accountDomain = shownAccountDomain(document);
  const blocked = blocking(context, accountDomain);
  for (const file of files) {
    void describeFile(file).then(async (described) => {
      const reply = await askBackground<Reported>({ kind: 'webmail.upload', channel, mode: context.mode, accountDomain, ...described });
      // A stopped upload is explained even if the background could not be reached to report it.
      if (reply?.reported || blocked) notify(reply, 'file', described.emailCount, context);
    });
  }
}

function notify(reply: Reported | undefined, what: 'file' | 'text', contacts: number | undefined, context: DestinationContext): void {
  if (context.mode === 'audit') return;
  const eventId = reply?.eventId;
  showNotice({
    text: noticeText(what, contacts, context.mode, context.kind),
    mode: context.mode,
    justify: context.mode === 'warn' && eventId
      ? async (justification) => (await askBackground<Reported>({ kind: 'webmail.justification', eventId, justification }))?.reported === true
      : undefined,
  });
}

async function describeFile(file: File): Promise<{ fileName: string; sizeBytes: number; mimeType: string; emailCount?: number; emails: string[] }> {
  const base = { fileName: file.name, sizeBytes: file.size, mimeType: file.type };
  const format = exportFormat(file.name, file.type);
  const read = format === 'xlsx' ? xlsxText : isTextLike(format) || file.type.startsWith('text/') ? fileText : undefined;
  if (!read) return { ...base, emails: [] };
  try {
    const { emails, emailCount }: ContactCounts = countContacts(await read(file, SCAN_BYTES));
    return { ...base, emailCount, emails };
  } catch (error) {
    console.warn('[crm-guard] could not read an uploaded file; reporting its name and size only', file.name, error);
    return { ...base, emails: [] };
  }
}

// Tested on: test/fixtures Gmail compose (hidden #attach-input, drop on the compose window), Outlook.com and
// Outlook on the web (corporate, not reported), Google Drive (detached input), WhatsApp Web (iframe), Workspace Gmail.
