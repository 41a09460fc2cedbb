import { getServerSession } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/verify-credentials';
import { authOptions } from './options';

/** The signed-in user, read once per request (the database is asked, so deactivation counts at once). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return userId ? loadActor(getDb(), userId) : null;
});

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

export const STAFF: readonly Role[] = ['agent', 'lead', 'admin'];
export const LEADS: readonly Role[] = ['lead', 'admin'];
