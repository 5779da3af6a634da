import { countContacts, htmlToText } from '../lib/classify/contacts';
import { exportFormat, isTextLike } from '../lib/classify/export-format';
import { sendToBackground } from '../lib/send-to-background';

/** Only this much of a text-like file is scanned for addresses: enough for ~100k contacts, never a whole 1 GB file. */
const SCAN_BYTES = 16 * 1024 * 1024;

/**
 * On a personal destination: files chosen in any file input (hidden ones and ones created later
 * included: `change` bubbles to the document), files dropped or pasted, and pasted contact text.
 */
export function initUploadDetector(signal: AbortSignal): void {
  const options = { capture: true, signal };
  document.addEventListener('change', (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.type === 'file' && input.files) reportFiles(input.files, 'file_input');
  }, options);
  document.addEventListener('drop', (event) => {
    if (event.dataTransfer?.files.length) reportFiles(event.dataTransfer.files, 'drop');
  }, options);
  document.addEventListener('paste', (event) => {
    const data = event.clipboardData;
    if (!data) return;
    if (data.files.length) return reportFiles(data.files, 'paste');
    const text = data.getData('text/plain') || htmlToText(data.getData('text/html'));
    const { emails, ...counts } = countContacts(text);
    if (counts.emailCount + counts.phoneCount > 0) sendToBackground({ kind: 'webmail.paste', ...counts, emails });
  }, options);
}

function reportFiles(files: FileList, channel: 'file_input' | 'drop' | 'paste'): void {
  for (const file of Array.from(files)) {
    void describeFile(file).then((described) => sendToBackground({ kind: 'webmail.upload', channel, ...described }));
  }
}

async function describeFile(file: File) {
  const base = { fileName: file.name, sizeBytes: file.size, mimeType: file.type };
  const textLike = isTextLike(exportFormat(file.name, file.type)) || file.type.startsWith('text/');
  if (!textLike) return { ...base, emails: [] };
  try {
    const { emails, emailCount } = countContacts(await file.slice(0, SCAN_BYTES).text());
    return { ...base, emailCount, emails };
  } catch {
    return { ...base, emails: [] };
  }
}

// Tested on: test/fixtures Gmail compose (hidden #attach-input, drop on the compose window).
