import { NextResponse } from 'next/server';
import { getActor } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { openNotification } from '@/lib/notifications/inbox';

// Relative: the host Next sees behind a proxy (or `next start`) need not be the one the browser used.
const goTo = (path: string) => new NextResponse(null, { status: 303, headers: { Location: path } });

/**
 * GET /notifications/:id — following a notification (bell, list, or no script at all): marks it
 * read and goes to its request. Someone else's, or a customer, gets "not found".
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return goTo('/signin');
  const result = await openNotification(getDb(), actor, { id: (await params).id });
  if (!result.ok) return new NextResponse('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  const { number, link } = result.data;
  // `link` is an app path Cairn wrote (a paused webhook's page), never user input.
  return goTo(number !== null ? `/tickets/${number}` : link?.startsWith('/') ? link : '/notifications');
}
