/** Reads at most `maxBytes` of a response body as text, so a 1 GB export never sits in memory whole. */
export async function readLimitedText(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean; bytes: number }> {
  if (!response.body) return { text: '', truncated: false, bytes: 0 };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false, bytes };
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      return { text: text + decoder.decode(value.subarray(0, value.byteLength - (bytes - maxBytes))), truncated: true, bytes };
    }
    text += decoder.decode(value, { stream: true });
  }
}
