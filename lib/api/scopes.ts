import type { Role } from '@/db/schema';

/**
 * What an API token may do on top of its owner's role: `read` only reads (GET), `write` also
 * changes what the owner's role may change, `admin` also reaches admin-only resources. A scope
 * never adds to a role: the actor is always the owner with their current role.
 */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

const RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };

/** The widest scope a role may hold; customers hold none (the public API is for staff). */
export function maxScopeFor(role: Role): Scope | null {
  if (role === 'admin') return 'admin';
  if (role === 'agent' || role === 'lead') return 'write';
  return null;
}

/** A token's scope as it counts today: never wider than its owner's current role allows. */
export function effectiveScope(scope: Scope, role: Role): Scope | null {
  const max = maxScopeFor(role);
  if (!max) return null;
  return RANK[scope] <= RANK[max] ? scope : max;
}

export const scopeAllows = (granted: Scope, needed: Scope): boolean => RANK[granted] >= RANK[needed];
