/**
 * Reads a raw request body as bytes, refusing it as soon as it passes `limit` (never trusting
 * Content-Length alone): null when too large. The one reader of bounded bodies: e-mail in,
 * multipart uploads and the public API's JSON.
 */
export async function readBytes(request: Request, limit: number): Promise<Buffer | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}
