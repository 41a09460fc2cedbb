import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { categories, kbArticleRevisions, users, type KbArticleRevision } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { canWriteArticles } from './access';
import { revisionRef } from './schemas';

export interface RevisionSummary {
  version: number;
  title: string;
  status: KbArticleRevision['status'];
  audience: KbArticleRevision['audience'];
  editorName: string | null;
  note: string | null;
  createdAt: Date;
}

/** An article's saved versions, newest first (staff only; anyone else gets none). */
export async function listRevisions(db: Db, actor: Actor | null, articleId: string): Promise<RevisionSummary[]> {
  if (!canWriteArticles(actor) || !revisionRef.shape.id.safeParse(articleId).success) return [];
  return db
    .select({
      version: kbArticleRevisions.version,
      title: kbArticleRevisions.title,
      status: kbArticleRevisions.status,
      audience: kbArticleRevisions.audience,
      editorName: users.name,
      note: kbArticleRevisions.note,
      createdAt: kbArticleRevisions.createdAt,
    })
    .from(kbArticleRevisions)
    .leftJoin(users, eq(users.id, kbArticleRevisions.editorId))
    .where(eq(kbArticleRevisions.articleId, articleId))
    .orderBy(desc(kbArticleRevisions.version));
}

export type RevisionView = KbArticleRevision & { editorName: string | null; categoryName: string | null };

/** One old version's text, to read before restoring it; null (→ 404) when unknown or not staff. */
export async function getRevision(db: Db, actor: Actor | null, raw: unknown): Promise<RevisionView | null> {
  const parsed = revisionRef.safeParse(raw);
  if (!canWriteArticles(actor) || !parsed.success) return null;
  const [row] = await db
    .select({ revision: kbArticleRevisions, editorName: users.name, categoryName: categories.name })
    .from(kbArticleRevisions)
    .leftJoin(users, eq(users.id, kbArticleRevisions.editorId))
    .leftJoin(categories, eq(categories.id, kbArticleRevisions.categoryId))
    .where(and(eq(kbArticleRevisions.articleId, parsed.data.id), eq(kbArticleRevisions.version, parsed.data.revision)));
  return row ? { ...row.revision, editorName: row.editorName, categoryName: row.categoryName } : null;
}
