import { NextResponse, type NextRequest } from 'next/server';
import { EVERYONE } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { listNotifications, markNotificationsRead } from '@/lib/notifications/inbox';
import { readJson } from '../read-form';
import { fromResult, withApiActor, withApiWriter } from '../respond';

// {"ids":[…100 uuids…]} and room to spare.
const MARK_BODY_LIMIT = 8 * 1024;

/**
 * GET /api/v1/notifications[?before=cursor&limit=N] — the signed-in staff member's notifications,
 * newest first, with the unread count (the bell refetches this on each `notification` event).
 * A customer gets 404: there is nothing of theirs here.
 */
export async function GET(request: NextRequest) {
  return withApiActor(EVERYONE, async (actor) => {
    const result = await listNotifications(getDb(), actor, Object.fromEntries(request.nextUrl.searchParams));
    if (!result.ok) return fromResult(result);
    return NextResponse.json(result.data, { headers: { 'Cache-Control': 'no-store' } });
  });
}

/** POST /api/v1/notifications {"ids":[…]} or {"all":true} — marks them read; answers the unread count. */
export async function POST(request: Request) {
  return withApiWriter(request, EVERYONE, async (actor) => {
    const body = await readJson(request, MARK_BODY_LIMIT);
    return fromResult(await markNotificationsRead(getDb(), actor, body));
  });
}
