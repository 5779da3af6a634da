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
  const root = selectAll ? doc.documentElement : selection.getRangeAt(0).commonAncestorContainer;
  const parts = [gridText(root, selection) ?? selection.toString()];
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    const host = node as Element;
    if (host.shadowRoot && (selectAll || selection.containsNode(host, true))) parts.push(composedText(host.shadowRoot));
  }
  return parts.join('\n');
}

const GRID_CELL = '[role=gridcell],[role=cell],[role=columnheader],[role=rowheader]';

/**
 * Grids drawn with `div`s (AG Grid, Tabulator, Dynamics) lay cells out with CSS; the selection's text then
 * runs them together ("Oliviaolivia@example.co.ukHartley & Finch") and addresses come out wrong. When the
 * selection covers cells marked with grid roles, its text is built from them: cells tab-separated, one
 * line per row. Undefined when it covers fewer than two cells (a selection inside one cell is plain text).
 */
function gridText(root: Node, selection: Selection): string | undefined {
  const scope = root instanceof Element ? root : root.parentElement;
  if (!scope) return undefined;
  const cells = Array.from(scope.querySelectorAll(GRID_CELL)).filter((cell) => selection.containsNode(cell, true) && !cell.parentElement?.closest(GRID_CELL));
  if (cells.length < 2) return undefined;
  const rows = new Map<Element | null, string[]>();
  for (const cell of cells) {
    const row = cell.closest('[role=row]');
    const texts = rows.get(row) ?? [];
    texts.push((cell.textContent ?? '').trim());
    rows.set(row, texts);
  }
  return Array.from(rows.values(), (texts) => texts.join('\t')).join('\n');
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
