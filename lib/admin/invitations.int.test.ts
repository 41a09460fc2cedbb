import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { accountTokens, auditLog, outbox, teamMembers, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { issueToken } from '@/lib/auth/tokens';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import {
  acceptInvitation,
  cancelInvitation,
  inviteStaff,
  listInvitations,
  resendInvitation,
  viewInvitation,
} from './invitations';

// Counted, so a test can show which paths pay for an Argon2 hash.
vi.mock('@/lib/auth/password', async (original) => {
  const real = await original<typeof import('@/lib/auth/password')>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

let handle: DbHandle;
let admin: Actor;
let teamId: string;

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  ({ teamId } = await makeTeamAndCategory(handle.db));
});
afterAll(() => handle.close());

const address = () => `invitee-${Math.random().toString(36).slice(2, 10)}@test.example`;

/** The link's token, read from the invitation mail in the outbox (as the invited person would). */
async function tokenFromOutbox(email: string): Promise<string> {
  const [mail] = await handle.db
    .select({ body: outbox.body, kind: outbox.kind })
    .from(outbox)
    .where(eq(outbox.toAddress, email))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  expect(mail?.kind).toBe('invitation');
  const match = /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail!.body);
  return match![1]!;
}

async function auditFor(email: string) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'invitation'), eq(auditLog.entityId, email)))
    .orderBy(auditLog.id);
}

describe('invitations', () => {
  it('an admin invites; the link creates the login with its role, teams and a verified address', async () => {
    const email = address();
    must(
      await inviteStaff(handle.db, admin, {
        email: email.toUpperCase(),
        name: 'Ivy Invited',
        role: 'lead',
        teamIds: [teamId],
      }),
    );
    const token = await tokenFromOutbox(email);
    const view = await viewInvitation(handle.db, token);
    expect(view).toMatchObject({ email, name: 'Ivy Invited', roleLabel: 'Team lead', inviterName: admin.name });
    expect((await listInvitations(handle.db, admin)).find((i) => i.email === email)).toMatchObject({
      state: 'pending',
      role: 'lead',
      invitedBy: admin.name,
    });

    const accepted = must(await acceptInvitation(handle.db, { token, name: 'Ivy I.', password: 'a good password' }));
    expect(accepted).toEqual({ email, role: 'lead' });
    const [user] = await handle.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ name: 'Ivy I.', role: 'lead', active: true, customerId: null });
    expect(user!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await verifyPassword('a good password', user!.passwordHash)).toBe(true);
    const memberships = await handle.db.select().from(teamMembers).where(eq(teamMembers.userId, user!.id));
    expect(memberships.map((m) => m.teamId)).toEqual([teamId]);

    const log = await auditFor(email);
    expect(log.map((e) => [e.action, e.actorUserId])).toEqual([
      ['invitation.sent', admin.userId],
      ['invitation.accepted', user!.id],
    ]);
    expect(log[0]!.after).toMatchObject({ email, role: 'lead', name: 'Ivy Invited' });
    expect(log[1]!.before).toEqual({ status: 'pending' });
    expect(log[1]!.after).toMatchObject({ status: 'accepted', role: 'lead' });

    // Used: the link works no more, and the invitation leaves the pending list.
    expect(await viewInvitation(handle.db, token)).toBeNull();
    const again = await acceptInvitation(handle.db, { token, name: 'Other', password: 'another password' });
    expect(again).toMatchObject({ ok: false, code: 'not_found' });
    expect((await listInvitations(handle.db, admin)).some((i) => i.email === email)).toBe(false);
  });

  it('an address that already signs in is a field error, staff or customer', async () => {
    const customer = await makeCustomer(handle.db);
    const r = await inviteStaff(handle.db, admin, { email: customer.email, name: 'X', role: 'agent' });
    expect(r).toMatchObject({ ok: false, code: 'conflict', fieldErrors: { email: [expect.any(String)] } });
    const staff = await makeStaff(handle.db, 'agent');
    expect(await inviteStaff(handle.db, admin, { email: staff.email, name: 'X', role: 'agent' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('bad input gets field messages; only admins invite', async () => {
    const r = await inviteStaff(handle.db, admin, {
      email: 'not an address',
      name: '',
      role: 'customer',
      teamIds: ['x'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(['email', 'name', 'role', 'teamIds'].sort());
    const lead = await makeStaff(handle.db, 'lead');
    expect(await inviteStaff(handle.db, lead, { email: address(), name: 'X', role: 'agent' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('expired, tampered, cancelled and replaced links create nothing', async () => {
    // Expired: issued 8 days ago.
    const expiredEmail = address();
    const { token: expired } = await issueToken(handle.db, {
      kind: 'invitation',
      email: expiredEmail,
      data: { name: 'Old', role: 'agent', teamIds: [] },
      now: new Date(Date.now() - 8 * 86_400_000),
    });
    expect(await viewInvitation(handle.db, expired)).toBeNull();
    expect(
      await acceptInvitation(handle.db, { token: expired, name: 'Old', password: 'a good password' }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect((await listInvitations(handle.db, admin)).find((i) => i.email === expiredEmail)?.state).toBe('expired');

    // Tampered: one character changed, or not a token at all.
    const email = address();
    must(await inviteStaff(handle.db, admin, { email, name: 'Tam', role: 'agent' }));
    const token = await tokenFromOutbox(email);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const t of [tampered, 'short', `${token}x`, ''])
      expect((await acceptInvitation(handle.db, { token: t, name: 'Tam', password: 'a good password' })).ok).toBe(
        false,
      );

    // Cancelled.
    const [row] = await handle.db
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.email, email), eq(accountTokens.kind, 'invitation')));
    must(await cancelInvitation(handle.db, admin, { invitationId: row!.id }));
    expect(await acceptInvitation(handle.db, { token, name: 'Tam', password: 'a good password' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await cancelInvitation(handle.db, admin, { invitationId: row!.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const users_ = await handle.db.select().from(users).where(eq(users.email, email));
    expect(users_).toEqual([]);
    expect((await auditFor(email)).map((e) => [e.action, e.before, e.after])).toEqual([
      ['invitation.sent', null, expect.objectContaining({ email })],
      ['invitation.cancelled', { status: 'pending' }, { status: 'cancelled' }],
    ]);
  });

  it('a dead or tampered link costs no password hash (the public form is no way to burn CPU)', async () => {
    vi.mocked(hashPassword).mockClear();
    const dead = 'A'.repeat(43);
    expect(await acceptInvitation(handle.db, { token: dead, name: 'X', password: 'a good password' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(hashPassword).not.toHaveBeenCalled();
  });

  it('resending sends a new link and the old one stops working', async () => {
    const email = address();
    must(await inviteStaff(handle.db, admin, { email, name: 'Res', role: 'agent', teamIds: [teamId] }));
    const first = await tokenFromOutbox(email);
    const pending = (await listInvitations(handle.db, admin)).find((i) => i.email === email)!;
    must(await resendInvitation(handle.db, admin, { invitationId: pending.id }));
    const second = await tokenFromOutbox(email);
    expect(second).not.toBe(first);
    expect(await viewInvitation(handle.db, first)).toBeNull();
    expect(await viewInvitation(handle.db, second)).toMatchObject({ email, teams: [expect.any(String)] });
    const log = await auditFor(email);
    expect(log.map((e) => e.action)).toEqual(['invitation.sent', 'invitation.resent']);
    expect(log[1]!.before).toHaveProperty('expiresAt');
    expect(log[1]!.after).toHaveProperty('expiresAt');
    must(await acceptInvitation(handle.db, { token: second, name: 'Res', password: 'a good password' }));
  });

  it('a short password is refused and leaves the link usable', async () => {
    const email = address();
    must(await inviteStaff(handle.db, admin, { email, name: 'Short', role: 'agent' }));
    const token = await tokenFromOutbox(email);
    const r = await acceptInvitation(handle.db, { token, name: 'Short', password: 'short' });
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { password: [expect.any(String)] } });
    expect(await viewInvitation(handle.db, token)).not.toBeNull();
  });

  it('two accepts of one link at the same moment make one login', async () => {
    const email = address();
    must(await inviteStaff(handle.db, admin, { email, name: 'Twice', role: 'agent' }));
    const token = await tokenFromOutbox(email);
    const results = await Promise.all(
      [1, 2, 3].map((i) => acceptInvitation(handle.db, { token, name: `Tab ${i}`, password: 'a good password' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'not_found')).toHaveLength(2);
    expect(await handle.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});
