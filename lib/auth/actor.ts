import type { Role } from '@/db/schema';

/** Who is acting: a signed-in user as the session or an API token describes them. */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
  email: string;
  /** Set when the actor is a portal customer. */
  customerId: string | null;
  /** The signed-in session (lib/auth/sessions.ts) the request came with; absent in scripts and tests. */
  sessionId?: string;
}

export const isStaff = (actor: Actor): boolean => actor.role !== 'customer';
