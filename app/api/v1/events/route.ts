import type { NextRequest } from 'next/server';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { loadSessionActor } from '@/lib/auth/sessions';
import { getLiveHub } from '@/lib/live/app-hub';
import { withApiActor } from '../respond';

export const dynamic = 'force-dynamic';

const encoder = new TextEncoder();

/**
 * GET /api/v1/events[?ticket=N] — server-sent events for the workspace: `ticket` for every change
 * anywhere (queues refetch) or, with `ticket=N`, for ticket N only, and `presence` for who is on
 * ticket N, and `notification` (no data: refetch) when the signed-in user's notifications change.
 * One LISTEN per instance feeds all.
 */
export async function GET(request: NextRequest) {
  return withApiActor(STAFF, async (actor) => {
    const watched = Number(request.nextUrl.searchParams.get('ticket')) || null;
    const hub = await getLiveHub();
    let cleanup = () => {};
    const stillSignedIn = () =>
      actor.sessionId
        ? loadSessionActor(getDb(), actor.userId, actor.sessionId).then(Boolean, () => true)
        : Promise.resolve(false);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: string, data: unknown) =>
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        send('ready', { at: new Date().toISOString() });
        if (watched) send('presence', hub.presenceOf(watched));
        const off = hub.subscribe((message) => {
          // A ticket page needs only its own ticket's changes (a bulk change of 500 is 500 events).
          if (message.kind === 'ticket') {
            if (!watched || message.change.number === watched) send('ticket', message.change);
          }
          // Only the user's own: the payload names whose notifications changed.
          else if (message.kind === 'notification') {
            if (message.userId === actor.userId) send('notification', {});
          }
          // The page refetches on a second `ready`, as after its own reconnect.
          else if (message.kind === 'resync') send('ready', { at: new Date().toISOString() });
          else if (watched && message.number === watched) send('presence', hub.presenceOf(watched));
        });
        // Keeps proxies from closing an idle stream, and expires presence that stopped beating.
        const beat = setInterval(() => {
          controller.enqueue(encoder.encode(': keep-alive\n\n'));
          if (watched) send('presence', hub.presenceOf(watched));
          // A stream outlives its request: it ends within a beat of its session ending.
          void stillSignedIn().then((yes) => {
            if (!yes) end();
          });
        }, 15_000);
        cleanup = () => {
          off();
          clearInterval(beat);
        };
        const end = () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        request.signal.addEventListener('abort', end);
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    });
  });
}
