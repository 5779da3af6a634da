/** The text a copy or cut takes: the selection in a text field, else the document selection (shadow roots included). */
export function selectedText(doc: Document): string {
  const active = deepActiveElement(doc);
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
    const { selectionStart, selectionEnd, value } = active;
    if (selectionStart !== null && selectionEnd !== null && selectionEnd > selectionStart) return value.slice(selectionStart, selectionEnd);
  }
  return doc.getSelection()?.toString() ?? '';
}

function deepActiveElement(doc: Document): Element | null {
  let element = doc.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}
