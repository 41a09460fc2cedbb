import { NextResponse, type NextRequest } from 'next/server';
import { getActor } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { openNotification } from '@/lib/notifications/inbox';

/**
 * GET /notifications/:id — following a notification (bell, list, or no script at all): marks it
 * read and goes to its request. Someone else's, or a customer, gets "not found".
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.redirect(new URL('/signin', request.url), 303);
  const result = await openNotification(getDb(), actor, { id: (await params).id });
  if (!result.ok) return new NextResponse('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  return NextResponse.redirect(new URL(`/tickets/${result.data.number}`, request.url), 303);
}
