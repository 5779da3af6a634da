/**
 * Runs in the page's own (main) world on personal destinations. A page can open the file picker on an
 * `<input type=file>` it never attached to the document (`document.createElement('input').click()`), and
 * that input's `change` event then reaches no listener but the page's own. Before such a picker opens, the
 * input is parked in a hidden holder inside the document, so its `input` and `change` events travel
 * through the window where the isolated-world upload detector listens; it is detached again afterwards.
 */
export function watchDetachedFileInputs(): void {
  const flag = Symbol.for('crm-guard:detached-file-inputs');
  const slot = window as unknown as Record<symbol, boolean>;
  if (slot[flag]) return;
  slot[flag] = true;

  const proto = HTMLInputElement.prototype;
  for (const method of ['click', 'showPicker'] as const) {
    const original = proto[method] as ((this: HTMLInputElement) => void) | undefined;
    if (typeof original !== 'function') continue;
    Object.defineProperty(proto, method, {
      configurable: true,
      writable: true,
      value: function (this: HTMLInputElement) {
        if (this.type === 'file' && !this.isConnected) park(this);
        return original.call(this);
      },
    });
  }
}

let holder: HTMLElement | undefined;

function park(input: HTMLInputElement): void {
  if (!holder?.isConnected) {
    holder = document.createElement('crm-guard-inputs');
    holder.hidden = true;
    document.documentElement.append(holder);
  }
  holder.append(input);
  // The page created it detached; give it back detached once the choice has been delivered (or cancelled).
  const release = () => setTimeout(() => {
    if (input.parentNode === holder) input.remove();
  });
  input.addEventListener('change', release, { once: true });
  input.addEventListener('cancel', release, { once: true });
}

// Tested on: test/fixtures Google Drive "Upload files" (an input created on click and never attached).
