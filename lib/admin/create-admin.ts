import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { signUpSchema } from '@/lib/auth/schemas';
import { issueToken } from '@/lib/auth/tokens';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { appUrl } from '@/lib/mail/templates/layout';
import { recordAudit } from './audit';
import { inviteSchema } from './invitations';

export const createAdminSchema = z.object({
  email: inviteSchema.shape.email,
  name: inviteSchema.shape.name,
  password: signUpSchema.shape.password.optional(),
});

export type CreateAdminOutcome =
  | { kind: 'created'; email: string }
  | { kind: 'invited'; email: string; link: string; expiresAt: Date }
  | { kind: 'promoted'; email: string; from: string }
  | { kind: 'unchanged'; email: string };

/**
 * `npm run admin:create`: the first admin of a fresh install (or another one), from the command
 * line — so the actor of its audit entry is null. With a password the login is made at once;
 * without one, an invitation link is returned to print (nothing is mailed: SMTP may not be set up
 * yet). An address that already signs in as staff is made an active admin; a portal login's address
 * is refused (customers are not promoted to staff).
 */
export async function createAdmin(db: Db, raw: unknown): Promise<Result<CreateAdminOutcome>> {
  const parsed = createAdminSchema.safeParse(raw);
  const passwordHash = parsed.success && parsed.data.password ? await hashPassword(parsed.data.password) : null;
  return runUseCase(db, createAdminSchema, raw, async (tx, input): Promise<CreateAdminOutcome> => {
    const [existing] = await tx
      .select({ id: users.id, role: users.role, active: users.active, name: users.name })
      .from(users)
      .where(eq(users.email, input.email))
      .for('update');
    if (existing) {
      if (existing.role === 'customer')
        fail(
          'conflict',
          `${input.email} is a customer's portal login; an admin needs a staff address. Use another address.`,
        );
      if (existing.role === 'admin' && existing.active) return { kind: 'unchanged', email: input.email };
      await tx.update(users).set({ role: 'admin', active: true }).where(eq(users.id, existing.id));
      await recordAudit(tx, null, {
        action: 'user.role_changed',
        entityType: 'user',
        entityId: existing.id,
        entityLabel: `${existing.name} <${input.email}>`,
        before: { role: existing.role, active: existing.active },
        after: { role: 'admin', active: true },
      });
      return { kind: 'promoted', email: input.email, from: existing.role };
    }
    if (passwordHash) {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash, role: 'admin', emailVerifiedAt: new Date() })
        .returning({ id: users.id });
      if (!user) throw new Error('user insert returned nothing');
      await recordAudit(tx, null, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        entityLabel: `${input.name} <${input.email}>`,
        after: { email: input.email, name: input.name, role: 'admin' },
      });
      return { kind: 'created', email: input.email };
    }
    const { token, row } = await issueToken(tx, {
      kind: 'invitation',
      email: input.email,
      data: { name: input.name, role: 'admin', teamIds: [] },
    });
    await recordAudit(tx, null, {
      action: 'invitation.sent',
      entityType: 'invitation',
      entityId: input.email,
      entityLabel: `${input.name} <${input.email}>`,
      after: { email: input.email, name: input.name, role: 'admin', teams: [] },
    });
    return { kind: 'invited', email: input.email, link: appUrl(`/invite/${token}`), expiresAt: row.expiresAt };
  });
}
