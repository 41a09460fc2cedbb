import { AppError } from '@/lib/core/result';
import { readBytes } from '@/lib/core/read-body';

/**
 * Reads a multipart/form-data body, refusing it as soon as it passes `limit` bytes, so an
 * over-size upload is never buffered whole (nor trusted to declare its Content-Length).
 * Refusals are AppErrors on `field`, so withApiActor answers them like any other field error.
 */
export async function readMultipart(
  request: Request,
  limit: number,
  field: string,
  tooLarge: string,
): Promise<FormData> {
  const type = request.headers.get('content-type') ?? '';
  const notMultipart = `Send the file as multipart/form-data, in the field "${field}".`;
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    throw new AppError('invalid', notMultipart, { [field]: [notMultipart] });
  const tooLargeError = new AppError('too_large', tooLarge, { [field]: [tooLarge] });
  const bytes = await readBytes(request, limit);
  if (!bytes) throw tooLargeError;
  try {
    return await new Response(new Uint8Array(bytes), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('invalid', notMultipart, { [field]: [notMultipart] });
  }
}

/**
 * Reads a small JSON body (a heartbeat, a command), refusing anything over `limit` bytes before
 * it is buffered and anything that is not JSON: a route takes what it needs, not 20 MB.
 */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  const tooLarge = `The request body is larger than ${limit} bytes.`;
  const bytes = await readBytes(request, limit);
  if (!bytes) throw new AppError('too_large', tooLarge);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new AppError('invalid', 'Send a JSON body.');
  }
}
