import { NextResponse, type NextRequest } from 'next/server';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { countQueues, listQueue, queueQuerySchema } from '@/lib/tickets/queue';
import { withApiActor } from '../respond';

/** GET /api/v1/queue?view=…&after=… — a queue page and the view counts (the live queue refetches this). */
export async function GET(request: NextRequest) {
  return withApiActor(STAFF, async (actor) => {
    const { view, after } = queueQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
    const db = getDb();
    const [page, counts] = await Promise.all([listQueue(db, actor, { view, after }), countQueues(db, actor)]);
    return NextResponse.json({ view, ...page, counts }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
