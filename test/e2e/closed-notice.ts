import type { Page } from 'playwright-core';

/**
 * The extension's notice lives in a closed shadow root, out of the page's (and Playwright's) reach. The
 * DevTools protocol still sees it: DOM.getDocument with `pierce` lists closed shadow roots, and a node it
 * resolves can be read or clicked. Test-only power, which is what proves the page itself cannot.
 */
interface CdpNode { nodeName: string; backendNodeId: number; children?: CdpNode[]; shadowRoots?: CdpNode[]; contentDocument?: CdpNode }

async function noticeRoot(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const find = (node: CdpNode): CdpNode | undefined => {
    if (node.nodeName === 'CRM-GUARD-NOTICE') return node.shadowRoots?.[0];
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const shadow = find(root);
  if (!shadow) {
    await cdp.detach();
    return undefined;
  }
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as { object: { objectId: string } };
  return {
    call: async (fn: string, ...args: unknown[]) => {
      const result = (await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, arguments: args.map((value) => ({ value })), returnByValue: true, awaitPromise: true })) as { result: { value: unknown } };
      return result.result.value;
    },
    detach: () => cdp.detach(),
  };
}

/** The notice's text, or undefined when none is shown. */
export async function noticeText(page: Page): Promise<string | undefined> {
  const root = await noticeRoot(page);
  if (!root) return undefined;
  try {
    return (await root.call('function () { return this.querySelector("p").textContent; }')) as string;
  } finally {
    await root.detach();
  }
}

/** Types a reason into the warning notice and sends it. */
export async function sendJustification(page: Page, reason: string): Promise<void> {
  const root = await noticeRoot(page);
  if (!root) throw new Error('no notice on the page');
  try {
    await root.call('function (reason) { this.querySelector("textarea").value = reason; this.querySelector("button.send").click(); }', reason);
  } finally {
    await root.detach();
  }
}
