import { NextResponse, type NextRequest } from 'next/server';

/**
 * Server actions' body limit: Next's default `serverActions.bodySizeLimit` (1 MB), which
 * next.config.ts leaves as it is. Files go through /api/v1 with their own limit.
 */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const MULTIPART = 'multipart/form-data';
const URLENCODED = 'application/x-www-form-urlencoded';
// What Next's own client sends: FormData, a progressively enhanced <form>, or encoded arguments.
const ACTION_TYPES = [MULTIPART, URLENCODED, 'text/plain'];

const refuse = (status: number, message: string) =>
  new NextResponse(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
const TOO_LARGE = () => refuse(413, 'The form is too large (at most 1 MB; attach files separately).');
const MALFORMED = () => refuse(400, 'Malformed form submission.');

/**
 * The body, or null when it is over `limit`. Read with the cap rather than trusting (or
 * requiring) Content-Length: a proxy may forward a form chunked, without one.
 */
async function readCapped(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: this is a tee'd clone, whose cancel settles only once the original is read.
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * Runs in proxy.ts before Next decodes a server action: Next answers a body over its limit, a
 * truncated multipart body or undecodable arguments with a 500 thrown inside the framework
 * ("Body exceeded 1 MB limit", "Unexpected end of form"). Here they get a 413 or 400 first.
 *
 * Next treats as a possible action not only a POST with `Next-Action` (a call from its client)
 * but any POST to a page with a multipart or urlencoded body (a form posted without JavaScript),
 * which it decodes to look for an action: those get the same size and shape checks. A well-formed
 * form without action fields is left to Next, which answers it 400 itself ("Invalid Server
 * Actions request"; urlencoded ones it renders the page for). Anything else is left alone (null).
 */
export async function refuseBadActionRequest(request: NextRequest): Promise<Response | null> {
  if (request.method !== 'POST') return null;
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const fromClient = request.headers.has('next-action');
  const kind = ACTION_TYPES.find((t) => type.startsWith(t));
  if (!fromClient && kind !== MULTIPART && kind !== URLENCODED) return null;

  const length = request.headers.get('content-length');
  if (length !== null) {
    const bytes = Number(length);
    if (length.trim() === '' || !Number.isSafeInteger(bytes) || bytes < 0)
      return refuse(400, 'Invalid Content-Length.');
    if (bytes > ACTION_BODY_LIMIT) return TOO_LARGE();
  }
  if (!kind) return refuse(400, 'A form must be sent as multipart/form-data, urlencoded or text.');
  try {
    const body = await readCapped(request.clone(), ACTION_BODY_LIMIT);
    if (!body) return TOO_LARGE();
    const copy = new Request('http://cairn.invalid/', {
      method: 'POST',
      headers: { 'Content-Type': request.headers.get('content-type') ?? '' },
      body,
    });
    if (kind === 'text/plain') {
      // Encoded arguments: a JSON array (React's reply encoding starts from one).
      if (!Array.isArray(JSON.parse(await copy.text()))) return MALFORMED();
      return null;
    }
    const form = await copy.formData(); // throws on a truncated or boundary-less body
    // Next's client encodes the arguments with the root value in field "0"; without it Next
    // fails inside. A form posted without JavaScript carries the action in `$ACTION_ID_…` or
    // `$ACTION_REF_…` fields instead (Next checks those itself and answers a bad one, or none, 400).
    if (fromClient && !form.has('0')) return MALFORMED();
  } catch {
    return MALFORMED();
  }
  return null;
}
