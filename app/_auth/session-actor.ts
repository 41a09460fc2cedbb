import { AsyncLocalStorage } from 'node:async_hooks';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { loadSessionActor } from '@/lib/auth/sessions';

/** Within one React render (a page): one read per request. */
const perRender = cache((userId: string, sessionId: string): Promise<Actor | null> =>
  loadSessionActor(getDb(), userId, sessionId),
);

/** The reads shared inside one `sharingSessionRead` (one `getActor`). */
const shared = new AsyncLocalStorage<Map<string, Promise<Actor | null>>>();

/**
 * The session row check (`loadSessionActor`), once per request: next-auth's `jwt` callback checks
 * the cookie's session while `getServerSession` reads it, and `getActor` needs the same actor
 * right after; both ask here, so a page, an action or a route handler reads the row once, not
 * twice. React's `cache` memoizes only inside a render — in a server action or a route handler it
 * memoizes nothing — so `getActor` also shares the read through `sharingSessionRead`, which holds
 * for everything it awaits (the jwt callback included) and for nothing after it: never a stale
 * answer across requests. Outside both (next-auth's own route handlers) each call reads.
 */
export function sessionActorOnce(userId: string, sessionId: string): Promise<Actor | null> {
  const reads = shared.getStore();
  if (!reads) return perRender(userId, sessionId);
  const key = `${userId}:${sessionId}`;
  let read = reads.get(key);
  if (!read) {
    read = perRender(userId, sessionId);
    reads.set(key, read);
  }
  return read;
}

/** Runs `body` with one session read shared by every `sessionActorOnce` it makes. */
export function sharingSessionRead<T>(body: () => Promise<T>): Promise<T> {
  return shared.run(new Map(), body);
}
