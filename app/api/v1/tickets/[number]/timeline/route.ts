import { NextResponse } from 'next/server';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { getTicketForStaff } from '@/lib/tickets/get-ticket';
import { withApiActor } from '../../../respond';

/** GET /api/v1/tickets/N/timeline — the live ticket page's timeline and the version it is at. */
export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  return withApiActor(STAFF, async (actor) => {
    const { number } = await params;
    const view = await getTicketForStaff(getDb(), actor, number);
    return NextResponse.json(
      { version: view.ticket.version, status: view.ticket.status, timeline: view.timeline },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  });
}
