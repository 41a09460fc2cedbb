import { AppError } from '@/lib/core/result';

/**
 * Reads a multipart/form-data body, refusing it as soon as it passes `limit` bytes, so an
 * over-size upload is never buffered whole (nor trusted to declare its Content-Length).
 * Refusals are AppErrors on `field`, so withApiActor answers them like any other field error.
 */
export async function readMultipart(request: Request, limit: number, field: string, tooLarge: string): Promise<FormData> {
  const type = request.headers.get('content-type') ?? '';
  const notMultipart = `Send the file as multipart/form-data, in the field "${field}".`;
  if (!type.toLowerCase().startsWith('multipart/form-data')) throw new AppError('invalid', notMultipart, { [field]: [notMultipart] });
  const tooLargeError = new AppError('invalid', tooLarge, { [field]: [tooLarge] });
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLargeError;

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
        throw tooLargeError;
      }
      chunks.push(value);
    }
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('invalid', notMultipart, { [field]: [notMultipart] });
  }
}
