import { cache } from 'react';
import { getDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { loadSessionActor } from '@/lib/auth/sessions';

/**
 * The session row check (`loadSessionActor`), once per request: next-auth's `jwt` callback checks
 * the cookie's session while `getServerSession` reads it, and `getActor` needs the same actor
 * right after; both ask here, so a page or an action reads the row once, not twice. Outside a
 * React request (next-auth's own route handlers) `cache` memoizes nothing and each call reads.
 */
export const sessionActorOnce = cache((userId: string, sessionId: string): Promise<Actor | null> =>
  loadSessionActor(getDb(), userId, sessionId),
);
