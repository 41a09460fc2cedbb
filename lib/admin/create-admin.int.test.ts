import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { createAdmin } from './create-admin';
import { acceptInvitation } from './invitations';

let handle: DbHandle;
beforeAll(() => {
  handle = testDb();
});
afterAll(() => handle.close());

const address = () => `first-admin-${Math.random().toString(36).slice(2, 10)}@test.example`;

describe('npm run admin:create', () => {
  it('with a password: an active, verified admin at once, logged with no actor', async () => {
    const email = address();
    expect(must(await createAdmin(handle.db, { email, name: 'Ada', password: 'first admin password' }))).toEqual({
      kind: 'created',
      email,
    });
    const [user] = await handle.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ role: 'admin', active: true });
    expect(user!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await verifyPassword('first admin password', user!.passwordHash)).toBe(true);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, user!.id));
    expect(entry).toMatchObject({ action: 'user.created', actorUserId: null, after: { role: 'admin', email } });
    // Again: nothing changes.
    expect(must(await createAdmin(handle.db, { email, name: 'Ada' })).kind).toBe('unchanged');
  });

  it('without a password: a one-time invitation link for an admin', async () => {
    const email = address();
    const outcome = must(await createAdmin(handle.db, { email, name: 'Bea' }));
    if (outcome.kind !== 'invited') throw new Error(outcome.kind);
    const token = outcome.link.split('/invite/')[1]!;
    expect(must(await acceptInvitation(handle.db, { token, name: 'Bea', password: 'a good password' })).role).toBe(
      'admin',
    );
    const log = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'invitation'), eq(auditLog.entityId, email)));
    expect(log.map((e) => [e.action, e.actorUserId === null])).toEqual([
      ['invitation.sent', true],
      ['invitation.accepted', false],
    ]);
  });

  it('an existing staff address is promoted (and reactivated); a portal login is refused', async () => {
    const agent = await makeStaff(handle.db, 'agent');
    await handle.db.update(users).set({ active: false }).where(eq(users.id, agent.userId));
    expect(must(await createAdmin(handle.db, { email: agent.email, name: 'x' }))).toEqual({
      kind: 'promoted',
      email: agent.email,
      from: 'agent',
    });
    const [row] = await handle.db.select().from(users).where(eq(users.id, agent.userId));
    expect(row).toMatchObject({ role: 'admin', active: true });
    const customer = await makeCustomer(handle.db);
    expect(await createAdmin(handle.db, { email: customer.email, name: 'x' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await createAdmin(handle.db, { email: 'nope', name: '', password: 'short' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });
});
