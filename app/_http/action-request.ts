import { NextResponse, type NextRequest } from 'next/server';

/**
 * Server actions' body limit: Next's default `serverActions.bodySizeLimit` (1 MB), which
 * next.config.ts leaves as it is. Files go through /api/v1 with their own limit.
 */
export const ACTION_BODY_LIMIT = 1024 * 1024;

// What Next's own client sends: FormData, a progressively enhanced <form>, or encoded arguments.
const ACTION_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain'];

const refuse = (status: number, message: string) =>
  new NextResponse(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * Runs in proxy.ts before Next decodes a server action: Next answers a body over its limit, a
 * truncated multipart body or undecodable arguments with a 500 thrown inside the framework
 * ("Body exceeded 1 MB limit", "Unexpected end of form"). Here they get a 413, 411 or 400 first.
 * A request that is not a server action call is left alone (null).
 */
export async function refuseBadActionRequest(request: NextRequest): Promise<Response | null> {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return null;
  const length = request.headers.get('content-length');
  if (length === null) return refuse(411, 'Send the form with a Content-Length.');
  const bytes = Number(length);
  if (!Number.isSafeInteger(bytes) || bytes < 0) return refuse(400, 'Invalid Content-Length.');
  if (bytes > ACTION_BODY_LIMIT) return refuse(413, 'The form is too large (at most 1 MB; attach files separately).');

  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const kind = ACTION_TYPES.find((t) => type.startsWith(t));
  if (!kind) return refuse(400, 'A form must be sent as multipart/form-data, urlencoded or text.');
  try {
    const body = request.clone();
    if (kind === 'text/plain') {
      // Encoded arguments: a JSON array (React's reply encoding starts from one).
      const text = await body.text();
      if (!Array.isArray(JSON.parse(text))) return refuse(400, 'Malformed form submission.');
    } else {
      // Next's client encodes the arguments with the root value in field "0" (a form posted
      // without JavaScript carries no Next-Action header); without it Next fails inside.
      const form = await body.formData();
      if (!form.has('0')) return refuse(400, 'Malformed form submission.');
    }
  } catch {
    return refuse(400, 'Malformed form submission.');
  }
  return null;
}
