import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users, type Session } from '@/db/schema';
import type { Actor } from './actor';

/** A session cookie lasts this long after the last request (next-auth's JWT maxAge). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** How stale `last_seen_at` may get before a request writes it again (one write a minute, not one per request). */
const LAST_SEEN_EVERY_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new signed-in session for the user; its id goes into the session cookie. */
export async function startSession(db: Db, userId: string, userAgent: string | null): Promise<string> {
  // The user's sessions that can no longer be used are forgotten here, so the table stays small.
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        or(
          lt(sessions.revokedAt, sql`now() - interval '1 day'`),
          lt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`),
        ),
      ),
    );
  const [row] = await db
    .insert(sessions)
    .values({ userId, userAgent: userAgent?.slice(0, 300) ?? null })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned nothing');
  return row.id;
}

/**
 * The actor behind a session cookie, checked on every request: the session must exist, belong to
 * the user, not be ended, and the user must be active. Anything else is signed out.
 */
export async function loadSessionActor(db: Db, userId: string, sessionId: string): Promise<Actor | null> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return null;
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      customerId: users.customerId,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt), eq(users.active, true)),
    );
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)));
  }
  return { userId: row.id, role: row.role, name: row.name, email: row.email, customerId: row.customerId, sessionId };
}

/** Sign-out: this session ends now, whoever holds a copy of its cookie. */
export async function endSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** Ends all of the user's sessions, or all but `keep` (a password change keeps the one that made it). */
export async function endAllSessions(db: Db, userId: string, keep?: string): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

export type SessionSummary = Pick<Session, 'id' | 'createdAt' | 'lastSeenAt' | 'userAgent'> & { current: boolean };

/** The user's open sessions, newest first, for the account page. */
export async function listSessions(db: Db, actor: Actor): Promise<SessionSummary[]> {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, actor.userId),
        isNull(sessions.revokedAt),
        gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(50);
  return rows.map((row) => ({ ...row, current: row.id === actor.sessionId }));
}
