import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { accountTokens, teamMembers, teams, users, type AccountToken } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { requirePermission } from '@/lib/auth/permissions';
import { signUpSchema } from '@/lib/auth/schemas';
import { consumeToken, issueToken, peekToken } from '@/lib/auth/tokens';
import { safeString } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { queueMail } from '@/lib/mail/queue';
import { appUrl } from '@/lib/mail/templates/layout';
import { invitationMail } from '@/lib/mail/templates/invitation';
import { getSettings } from '@/lib/settings/settings';
import { recordAudit } from './audit';
import { invitationState, ROLE_LABELS, STAFF_ROLES, type InvitationState, type StaffRole } from './people-rules';

/** What an invitation token carries (account_tokens.data). */
interface InvitationData {
  name: string;
  role: StaffRole;
  teamIds: string[];
}

const EMAIL_TAKEN = 'Someone already signs in with this e-mail address.';
export const LINK_GONE =
  'This invitation link no longer works: it was used already, cancelled, replaced by a newer one or it expired. Ask an admin to invite you again.';

const nameField = safeString({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(200, 'Name must be at most 200 characters.');

/** Checkboxes arrive as one string or several; none at all is no team. */
const teamIdsField = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => [...new Set((Array.isArray(v) ? v : v ? [v] : []).filter((id) => id !== ''))])
  .refine((ids) => ids.every((id) => z.uuid().safeParse(id).success), 'Choose a valid team.');

export const inviteSchema = z.object({
  email: safeString({ error: 'Enter an e-mail address.' })
    .trim()
    .min(1, 'Enter an e-mail address.')
    .pipe(z.email('Enter a valid e-mail address.'))
    .transform((v) => v.toLowerCase()),
  name: nameField,
  role: z.enum(STAFF_ROLES, { error: 'Choose a role.' }),
  teamIds: teamIdsField,
});

const readData = (row: AccountToken): InvitationData => {
  const data = row.data as Partial<InvitationData>;
  return {
    name: typeof data.name === 'string' ? data.name : '',
    role: STAFF_ROLES.includes(data.role as StaffRole) ? (data.role as StaffRole) : 'agent',
    teamIds: Array.isArray(data.teamIds) ? data.teamIds.filter((t): t is string => typeof t === 'string') : [],
  };
};

async function teamNames(tx: Db, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(inArray(teams.id, ids))
    .orderBy(asc(teams.name));
}

async function refuseTakenEmail(tx: Db, email: string): Promise<void> {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) fail('conflict', EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
}

/** Issues the link and queues its mail; the caller records the audit entry. */
async function sendInvitation(
  tx: Db,
  inviter: { userId: string; name: string } | null,
  email: string,
  data: InvitationData,
): Promise<{ token: string; row: AccountToken; url: string }> {
  const { token, row } = await issueToken(tx, {
    kind: 'invitation',
    email,
    data: { ...data },
    createdBy: inviter?.userId ?? null,
  });
  const url = appUrl(`/invite/${token}`);
  const settings = await getSettings(tx);
  await queueMail(tx, {
    kind: 'invitation',
    to: email,
    mail: invitationMail({
      name: data.name,
      inviterName: inviter?.name ?? null,
      roleLabel: ROLE_LABELS[data.role],
      url,
      expiresAt: row.expiresAt,
      supportName: settings.mail.supportName,
    }),
  });
  return { token, row, url };
}

/**
 * An admin invites a member of staff by e-mail: a single-use link (lib/auth/tokens.ts) that sets
 * the password, with the role and teams it will get. An address that already signs in is refused;
 * inviting an address again replaces the earlier link.
 */
export function inviteStaff(db: Db, actor: Actor, raw: unknown): Promise<Result<{ email: string }>> {
  return runUseCase(db, inviteSchema, raw, async (tx, input) => {
    requirePermission(actor, 'admin');
    await refuseTakenEmail(tx, input.email);
    const found = await teamNames(tx, input.teamIds);
    if (found.length !== input.teamIds.length)
      fail('invalid', 'One of the teams no longer exists.', { teamIds: ['One of the teams no longer exists.'] });
    await sendInvitation(tx, actor, input.email, { name: input.name, role: input.role, teamIds: input.teamIds });
    await recordAudit(tx, actor, {
      action: 'invitation.sent',
      entityType: 'invitation',
      entityId: input.email,
      entityLabel: `${input.name} <${input.email}>`,
      after: { email: input.email, name: input.name, role: input.role, teams: found.map((t) => t.name) },
    });
    return { email: input.email };
  });
}

const invitationIdSchema = z.object({ invitationId: z.uuid('Unknown invitation.') });

/** A pending (unused, not cancelled) invitation row, locked; expired ones count: they can be resent. */
async function lockPending(tx: Db, id: string): Promise<AccountToken> {
  const [row] = await tx
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.id, id),
        eq(accountTokens.kind, 'invitation'),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    )
    .for('update');
  if (!row) fail('not_found', 'That invitation was already accepted, cancelled or replaced.');
  return row;
}

/** Sends a fresh link for a pending invitation (the old link stops working), with a new expiry. */
export function resendInvitation(db: Db, actor: Actor, raw: unknown): Promise<Result<{ email: string }>> {
  return runUseCase(db, invitationIdSchema, raw, async (tx, { invitationId }) => {
    requirePermission(actor, 'admin');
    const old = await lockPending(tx, invitationId);
    await refuseTakenEmail(tx, old.email);
    const data = readData(old);
    const { row } = await sendInvitation(tx, actor, old.email, data);
    await recordAudit(tx, actor, {
      action: 'invitation.resent',
      entityType: 'invitation',
      entityId: old.email,
      entityLabel: `${data.name} <${old.email}>`,
      before: { expiresAt: old.expiresAt.toISOString() },
      after: { expiresAt: row.expiresAt.toISOString() },
    });
    return { email: old.email };
  });
}

/** Withdraws a pending invitation: its link stops working at once. */
export function cancelInvitation(db: Db, actor: Actor, raw: unknown): Promise<Result<{ email: string }>> {
  return runUseCase(db, invitationIdSchema, raw, async (tx, { invitationId }) => {
    requirePermission(actor, 'admin');
    const row = await lockPending(tx, invitationId);
    await tx.update(accountTokens).set({ revokedAt: new Date() }).where(eq(accountTokens.id, row.id));
    const data = readData(row);
    await recordAudit(tx, actor, {
      action: 'invitation.cancelled',
      entityType: 'invitation',
      entityId: row.email,
      entityLabel: `${data.name} <${row.email}>`,
      before: { status: 'pending' },
      after: { status: 'cancelled' },
    });
    return { email: row.email };
  });
}

export interface PendingInvitation {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  teams: string[];
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  state: InvitationState;
}

/** Invitations not yet accepted or cancelled, newest first; an expired one shows as such and can be resent. */
export async function listInvitations(db: Db, actor: Actor): Promise<PendingInvitation[]> {
  requirePermission(actor, 'admin');
  const rows = await db
    .select({ token: accountTokens, invitedBy: users.name })
    .from(accountTokens)
    .leftJoin(users, eq(users.id, accountTokens.createdBy))
    .where(and(eq(accountTokens.kind, 'invitation'), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)))
    .orderBy(desc(accountTokens.createdAt))
    .limit(200);
  const allTeams = await db.select({ id: teams.id, name: teams.name }).from(teams);
  const teamName = new Map(allTeams.map((t) => [t.id, t.name]));
  const now = new Date();
  return rows.map(({ token, invitedBy }) => {
    const data = readData(token);
    return {
      id: token.id,
      email: token.email,
      name: data.name,
      role: data.role,
      teams: data.teamIds.flatMap((id) => teamName.get(id) ?? []),
      invitedBy,
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
      state: invitationState(token.expiresAt, now),
    };
  });
}

export interface InvitationView {
  email: string;
  name: string;
  roleLabel: string;
  teams: string[];
  inviterName: string | null;
  expiresAt: Date;
}

/** What the public /invite/<token> page shows; null when the link does not work (any reason). */
export async function viewInvitation(db: Db, token: string): Promise<InvitationView | null> {
  const row = await peekToken(db, 'invitation', token);
  if (!row) return null;
  const data = readData(row);
  const [inviter] = row.createdBy
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.createdBy))
    : [];
  const found = await teamNames(db, data.teamIds);
  return {
    email: row.email,
    name: data.name,
    roleLabel: ROLE_LABELS[data.role],
    teams: found.map((t) => t.name),
    inviterName: inviter?.name ?? null,
    expiresAt: row.expiresAt,
  };
}

export const acceptSchema = z.object({
  token: z.string().max(100),
  name: nameField,
  // The same password rules as sign-up and the account page.
  password: signUpSchema.shape.password,
});

/**
 * The invited person sets their name and password: the login is created with its role, verified
 * address and teams, and the link is used, all in one transaction — so two tabs accepting at once
 * make one login (consumeToken), and a link that no longer works creates nothing.
 */
export async function acceptInvitation(db: Db, raw: unknown): Promise<Result<{ email: string; role: StaffRole }>> {
  const parsed = acceptSchema.safeParse(raw);
  // Cheap check first (as resetPassword does): a dead or forged link on this public form costs no Argon2 hash.
  if (parsed.success && !(await peekToken(db, 'invitation', parsed.data.token)))
    return { ok: false, code: 'not_found', message: LINK_GONE };
  const passwordHash = parsed.success ? await hashPassword(parsed.data.password) : '';
  return runUseCase(db, acceptSchema, raw, async (tx, input) => {
    const row = await consumeToken(tx, 'invitation', input.token);
    if (!row) fail('not_found', LINK_GONE);
    const data = readData(row);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
    if (taken) fail('conflict', `${EMAIL_TAKEN} Sign in instead.`);
    const [user] = await tx
      .insert(users)
      .values({
        email: row.email,
        name: input.name,
        passwordHash,
        role: data.role,
        emailVerifiedAt: new Date(),
      })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    // Teams deleted since the invitation are skipped.
    const found = await teamNames(tx, data.teamIds);
    if (found.length > 0)
      await tx
        .insert(teamMembers)
        .values(found.map((t) => ({ teamId: t.id, userId: user.id })))
        .onConflictDoNothing();
    await recordAudit(
      tx,
      { userId: user.id },
      {
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: row.email,
        entityLabel: `${input.name} <${row.email}>`,
        before: { status: 'pending' },
        after: { status: 'accepted', name: input.name, role: data.role, teams: found.map((t) => t.name) },
      },
    );
    return { email: row.email, role: data.role };
  });
}
