import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { announcePresence } from '@/lib/live/announce-presence';
import { fromResult, withApiActor } from '../../../respond';

/** POST /api/v1/tickets/N/presence {state: viewing|typing|left} — a heartbeat from the ticket page. */
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  return withApiActor(STAFF, async (actor) => {
    const { number } = await params;
    const body: unknown = await request.json().catch(() => ({}));
    const state = typeof body === 'object' && body !== null && 'state' in body ? body.state : undefined;
    return fromResult(await announcePresence(getDb(), actor, { number, state }));
  });
}
