import { EVERYONE } from '@/app/_auth/session';
import { getReadDb } from '@/db/client';
import { exportTickets } from '@/lib/tickets/export';
import { csvDownload, fromResult, withApiActor } from '../../respond';

/**
 * GET /api/v1/tickets/export?<the views page's filters> — the list as a streamed CSV download.
 * `X-Total-Count` carries the number of rows first, so the page can show progress while it reads.
 * A customer gets 404 (lib/ answers "not found"), bad filters a 400 with {code, message}.
 */
export async function GET(request: Request) {
  return withApiActor(EVERYONE, async (actor) => {
    const result = await exportTickets(getReadDb('export'), actor, new URL(request.url).searchParams);
    if (!result.ok) return fromResult(result);
    const { total, fileName, body } = result.data;
    return csvDownload(fileName, body, { 'X-Total-Count': String(total) });
  });
}
