import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accountTokens, type AccountToken, type AccountTokenKind } from '@/db/schema';
import { deleteInBatches, type BatchOptions } from '@/lib/retention/batches';

/** How long each kind of link works. */
export const TOKEN_TTL_MS: Record<AccountTokenKind, number> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
  email_verification: 48 * 60 * 60 * 1000,
};

/**
 * Days a link is kept after it expired (used, revoked or not): long enough for the invitations
 * list to show an expired invitation to resend, then the `retention.sweep` job forgets it.
 */
export const ACCOUNT_TOKEN_KEEP_DAYS = 30;

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
/** 32 random bytes, URL-safe: what goes into the e-mailed link. Never stored. */
const newToken = (): string => randomBytes(32).toString('base64url');
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedToken {
  /** The secret for the link; shown once, in the mail. */
  token: string;
  row: AccountToken;
}

/**
 * A new single-use link for `email`. Earlier unused links of the same kind for the same address
 * are revoked, so only the newest mail works.
 */
export async function issueToken(
  tx: Db,
  input: {
    kind: AccountTokenKind;
    email: string;
    userId?: string | null;
    data?: Record<string, unknown>;
    createdBy?: string | null;
    now?: Date;
  },
): Promise<IssuedToken> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  await tx
    .update(accountTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(accountTokens.kind, input.kind),
        eq(accountTokens.email, email),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    );
  const token = newToken();
  const [row] = await tx
    .insert(accountTokens)
    .values({
      kind: input.kind,
      tokenHash: hash(token),
      email,
      userId: input.userId ?? null,
      data: input.data ?? {},
      createdBy: input.createdBy ?? null,
      expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[input.kind]),
    })
    .returning();
  return { token, row: row! };
}

/** The live token row (unused, unrevoked, unexpired) for a link, without using it: for showing the form. */
export async function peekToken(
  db: Db,
  kind: AccountTokenKind,
  token: string,
  now = new Date(),
): Promise<AccountToken | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, hash(token)),
        eq(accountTokens.kind, kind),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
        gt(accountTokens.expiresAt, now),
      ),
    );
  return row ?? null;
}

/**
 * Uses a link once: marks it used and returns its row, or null when it is unknown, tampered with,
 * of another kind, expired, revoked or already used. Call inside the transaction that acts on it,
 * so a failure later gives the link back; two concurrent uses cannot both succeed (the UPDATE's
 * row lock and the `used_at is null` check).
 */
export async function consumeToken(
  tx: Db,
  kind: AccountTokenKind,
  token: string,
  now = new Date(),
): Promise<AccountToken | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.tokenHash, hash(token)),
        eq(accountTokens.kind, kind),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

/** Forgets links expired more than ACCOUNT_TOKEN_KEEP_DAYS ago (the `retention.sweep` job), in batches. */
export function pruneAccountTokens(db: Db, options: BatchOptions = {}): Promise<number> {
  return deleteInBatches(
    db,
    (limit) => sql`
      delete from account_tokens where id in (
        select id from account_tokens
        where expires_at < now() - make_interval(days => ${ACCOUNT_TOKEN_KEEP_DAYS})
        limit ${limit} for update skip locked)
      returning 1`,
    options,
  );
}
