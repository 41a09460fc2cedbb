import type { Role } from '@/db/schema';

/** The roles an admin gives staff (portal logins are customers and are made by sign-up): lib/auth/permissions.ts. */
export { STAFF_ROLES, type StaffRole } from '@/lib/auth/permissions';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  lead: 'Team lead',
  agent: 'Agent',
  customer: 'Portal login',
};

export const LAST_ADMIN =
  'This is the last active admin: make someone else an admin first, so the helpdesk is never left without one.';
export const NOT_YOURSELF = 'You cannot deactivate yourself. Ask another admin to do it.';

/**
 * The last-admin rule: a change that would leave no active admin is refused. `activeAdmins` are the
 * ids of the active admins, read under lock (lib/admin/people.ts) so two changes cannot both pass.
 * Returns the refusal, or null when the change may go ahead.
 */
export function lastAdminRefusal(
  activeAdmins: readonly string[],
  target: { id: string; role: Role; active: boolean },
  change: { role?: Role; active?: boolean },
): string | null {
  const isActiveAdmin = target.role === 'admin' && target.active;
  if (!isActiveAdmin) return null;
  const staysActiveAdmin = (change.role ?? target.role) === 'admin' && (change.active ?? target.active);
  if (staysActiveAdmin) return null;
  const others = activeAdmins.filter((id) => id !== target.id);
  return others.length === 0 ? LAST_ADMIN : null;
}

export type InvitationState = 'pending' | 'expired';

/** A pending invitation's state for the list: its link works until it expires. */
export const invitationState = (expiresAt: Date, now: Date = new Date()): InvitationState =>
  expiresAt.getTime() > now.getTime() ? 'pending' : 'expired';
