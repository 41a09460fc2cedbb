import { getServerSession } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import type { Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { LEAD_ROLES, STAFF_ROLES } from '@/lib/auth/permissions';
import { authOptions } from './options';
import { sessionActorOnce, sharingSessionRead } from './session-actor';

/**
 * The signed-in user, read once per request. The database is asked every time: the cookie's
 * session row must be open and the user active, so sign-out, "sign out everywhere", a password
 * change and deactivation count at once (one read per request: `sessionActorOnce`, which
 * next-auth's session check shares, in server actions and route handlers too). Pages, server
 * actions (withActor), route handlers (withApiActor) and the event stream all come through here.
 */
export const getActor = cache((): Promise<Actor | null> =>
  sharingSessionRead(async () => {
    const session = await getServerSession(authOptions);
    const user = session?.user as { id?: string; sid?: string } | undefined;
    // A cookie from before session rows (no sid) is treated as signed out.
    return user?.id && user.sid ? sessionActorOnce(user.id, user.sid) : null;
  }),
);

/**
 * For pages: signed out → the sign-in page; signed in with the wrong role → 404, so a page's
 * existence is not revealed to a customer.
 */
export async function requireActor(roles?: readonly Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  if (roles && !roles.includes(actor.role)) notFound();
  return actor;
}

export const STAFF: readonly Role[] = STAFF_ROLES;
export const LEADS: readonly Role[] = LEAD_ROLES;
export const ADMINS: readonly Role[] = ['admin'];
export const EVERYONE: readonly Role[] = ['customer', 'agent', 'lead', 'admin'];
