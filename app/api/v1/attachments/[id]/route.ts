import { getDb } from '@/db/client';
import type { Role } from '@/db/schema';
import { getAttachment } from '@/lib/attachments/get-attachment';
import { contentDisposition, servedContentType } from '@/lib/attachments/limits';
import { fromResult, withApiActor } from '../../respond';

// Customers (portal) and staff alike: lib/attachments decides who may read which file.
const EVERYONE: readonly Role[] = ['customer', 'agent', 'lead', 'admin'];

/**
 * GET /api/v1/attachments/ID — the file, always as a download: a type from the allow-list (or
 * opaque bytes), no sniffing, never cached by a shared cache. Someone else's file is a 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withApiActor(EVERYONE, async (actor) => {
    const { id } = await params;
    const result = await getAttachment(getDb(), actor, id);
    if (!result.ok) return fromResult(result);
    const file = result.data;
    return new Response(new Uint8Array(file.data), {
      status: 200,
      headers: {
        'Content-Type': servedContentType(file.contentType),
        'Content-Length': String(file.data.length),
        'Content-Disposition': contentDisposition(file.filename),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        // Belt and braces for a file opened in a tab anyway: no scripts, no plugins, no framing.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  });
}
