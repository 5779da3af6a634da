/**
 * The text a copy or cut takes: the selection in a text field, else the document selection with the
 * content of the open shadow roots inside it. `Selection.toString()` leaves shadow trees out, and CRM
 * lists are drawn in them (Salesforce Lightning's `lightning-datatable`), so a copy of a Lightning list
 * would otherwise look empty. After select-all (Ctrl+A) Chromium's selection range stops before a shadow
 * host that has no light-DOM text, yet the copy takes its content: `selectAll` then takes every shadow tree.
 */
export function selectedText(doc: Document, { selectAll = false } = {}): string {
  const active = deepActiveElement(doc);
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
    const { selectionStart, selectionEnd, value } = active;
    if (selectionStart !== null && selectionEnd !== null && selectionEnd > selectionStart) return value.slice(selectionStart, selectionEnd);
  }
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return selection?.toString() ?? '';
  const parts = [selection.toString()];
  const root = selectAll ? doc.documentElement : selection.getRangeAt(0).commonAncestorContainer;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    const host = node as Element;
    if (host.shadowRoot && (selectAll || selection.containsNode(host, true))) parts.push(composedText(host.shadowRoot));
  }
  return parts.join('\n');
}

const CELL = new Set(['TD', 'TH']);
const LINE = new Set(['TR', 'DIV', 'P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BR', 'SECTION', 'ARTICLE']);

/** Text of a shadow tree as a copy would give it (cells tab-separated, rows on lines), nested shadow trees included. */
function composedText(root: ShadowRoot | Element): string {
  let text = '';
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue ?? '';
    else if (child instanceof Element && child.tagName !== 'STYLE' && child.tagName !== 'SCRIPT') {
      if (child.shadowRoot) text += composedText(child.shadowRoot);
      text += composedText(child);
      if (CELL.has(child.tagName)) text += '\t';
      else if (LINE.has(child.tagName)) text += '\n';
    }
  }
  return text;
}

function deepActiveElement(doc: Document): Element | null {
  let element = doc.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}
