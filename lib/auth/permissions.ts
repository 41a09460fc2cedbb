import { fail } from '@/lib/core/result';
import type { Actor } from './actor';

export type Permission =
  | 'ticket.create_own'
  | 'ticket.log_contact'
  | 'ticket.work'
  | 'ticket.read_any'
  | 'customer.read'
  | 'metrics.read'
  | 'follow_up.calls'
  | 'follow_up.detractors'
  | 'problem.read'
  | 'problem.manage'
  | 'qa.review'
  | 'qa.read_own'
  | 'admin';

const GRANTS: Record<Actor['role'], readonly Permission[]> = {
  customer: ['ticket.create_own'],
  agent: [
    'ticket.log_contact',
    'ticket.work',
    'ticket.read_any',
    'customer.read',
    'follow_up.calls',
    'problem.read',
    'qa.read_own',
  ],
  lead: [
    'ticket.log_contact',
    'ticket.work',
    'ticket.read_any',
    'customer.read',
    'metrics.read',
    'follow_up.calls',
    'follow_up.detractors',
    'problem.read',
    'problem.manage',
    'qa.review',
    'qa.read_own',
  ],
  admin: [
    'ticket.log_contact',
    'ticket.work',
    'ticket.read_any',
    'customer.read',
    'metrics.read',
    'follow_up.calls',
    'follow_up.detractors',
    'problem.read',
    'problem.manage',
    'qa.review',
    'qa.read_own',
    'admin',
  ],
};

/**
 * The staff roles (everyone but customers), the one list: team membership, routing, availability,
 * the admin's role choices and the app's page guards read it. Exactly the roles that work requests.
 */
export const STAFF_ROLES = ['agent', 'lead', 'admin'] as const satisfies readonly Actor['role'][];
export type StaffRole = (typeof STAFF_ROLES)[number];
/** The roles that may lead a team (and read the leads' pages). */
export const LEAD_ROLES = ['lead', 'admin'] as const satisfies readonly StaffRole[];

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function can(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) fail('forbidden', 'You do not have permission to do that.');
}
