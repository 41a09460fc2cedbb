import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import { hashToken } from '@/lib/api/tokens';

/**
 * A demo-only read token, like the demo password: documented in README so the demo's API can be
 * tried with curl at once. A real installation makes its tokens on the account or admin page.
 */
export const DEMO_API_TOKEN = 'cairn_demo-read-only-token-for-trying-the-api';

/** The demo's API tokens: the admin's read token (used yesterday) and an agent's revoked one. */
export async function seedApiTokens(db: Db, now: Date): Promise<void> {
  const day = 86_400_000;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.test'));
  const [agent] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'agent@demo.test'));
  if (!admin || !agent) return;
  await db.insert(apiTokens).values([
    {
      userId: admin.id,
      name: 'Demo: reporting script',
      scope: 'read',
      tokenHash: hashToken(DEMO_API_TOKEN),
      prefix: DEMO_API_TOKEN.slice(0, 12),
      createdBy: admin.id,
      createdAt: new Date(now.getTime() - 20 * day),
      expiresAt: new Date(now.getTime() + 70 * day),
      lastUsedAt: new Date(now.getTime() - day),
    },
    {
      userId: agent.id,
      name: 'Old CRM sync',
      scope: 'write',
      tokenHash: hashToken(`cairn_demo-revoked-${now.getTime()}`),
      prefix: 'cairn_demo-r',
      createdBy: agent.id,
      createdAt: new Date(now.getTime() - 60 * day),
      expiresAt: new Date(now.getTime() + 30 * day),
      lastUsedAt: new Date(now.getTime() - 9 * day),
      revokedAt: new Date(now.getTime() - 8 * day),
    },
  ]);
}
