/** Receivers that take longer than this are counted as failed; the outbox retries later. */
const TIMEOUT_MS = 10_000;

export class DeliveryError extends Error {}

/** POSTs a JSON body; any answer but 2xx is a failure that names the status and the start of the reply. */
export async function postJson(url: string, body: string, headers: Record<string, string>): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new DeliveryError(`POST ${safeUrl(url)} failed: ${error instanceof Error ? error.message : String(error)}${cause}`);
  }
  const text = await response.text();
  if (!response.ok) throw new DeliveryError(`POST ${safeUrl(url)} answered ${response.status}: ${text.slice(0, 200)}`);
  return text;
}

/** The URL for error messages, without credentials or query (which may carry tokens). */
function safeUrl(url: string) {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
