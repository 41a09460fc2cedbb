import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { announcePresence } from '@/lib/live/announce-presence';
import { readJson } from '../../../read-form';
import { fromResult, withApiActor, withApiWriter } from '../../../respond';

// {"state":"typing"} and room to spare: a heartbeat is a few bytes.
const PRESENCE_BODY_LIMIT = 1024;

/** POST /api/v1/tickets/N/presence {state: viewing|typing|left} — a heartbeat from the ticket page. */
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  return withApiWriter(request, STAFF, async (actor) => {
    const { number } = await params;
    const body = await readJson(request, PRESENCE_BODY_LIMIT);
    const state = typeof body === 'object' && body !== null && 'state' in body ? body.state : undefined;
    return fromResult(await announcePresence(getDb(), actor, { number, state }));
  });
}
