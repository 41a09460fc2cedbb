import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { kbArticles, type ArticleAudience } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { attempt, type Result } from '@/lib/core/result';
import { appUrl } from '@/lib/mail/templates/layout';
import { renderMarkdown } from './markdown';
import { searchArticles } from './search-articles';

/** How many articles the ticket page suggests. */
export const MAX_TICKET_SUGGESTIONS = 6;
/** How much of the description is read for words (the search reads a dozen words anyway). */
const DESCRIPTION_CHARS = 600;

export interface TicketHelp {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  audience: ArticleAudience;
  /** In the ticket's category (those come first). */
  inCategory: boolean;
  /** Sanitized HTML of the body, to read beside the conversation. */
  html: string;
  /** The customer-facing link (`<app url>/help/<slug>`), for public articles only: procedures are not for customers. */
  publicUrl: string | null;
}

export interface TicketForHelp {
  subject: string;
  description: string;
  categoryId: string | null;
}

/**
 * "Suggested help" on the agent's ticket page: published help articles and internal procedures
 * (staff audience) for the ticket's category and words. Order: in the category and matching the
 * words, then the rest of the category, then word matches elsewhere. Public articles carry the
 * link an agent may send to the customer; internal procedures carry none.
 */
export async function suggestHelpForTicket(
  db: Db,
  actor: Actor,
  ticket: TicketForHelp,
  limit = MAX_TICKET_SUGGESTIONS,
): Promise<Result<TicketHelp[]>> {
  return attempt(async () => {
    requirePermission(actor, 'ticket.work');
    const q = `${ticket.subject} ${ticket.description.slice(0, DESCRIPTION_CHARS)}`;
    const hits = await searchArticles(db, {
      q,
      audience: 'staff',
      categoryId: ticket.categoryId,
      mode: 'any',
      limit,
    });
    const byWords = hits.map((h) => h.id);
    const inCategory = ticket.categoryId
      ? await db
          .select({ id: kbArticles.id })
          .from(kbArticles)
          .where(
            and(
              eq(kbArticles.categoryId, ticket.categoryId),
              eq(kbArticles.status, 'published'),
              byWords.length ? notInArray(kbArticles.id, byWords) : sql`true`,
            ),
          )
          .orderBy(desc(kbArticles.deflectionCount), desc(kbArticles.updatedAt))
          .limit(limit)
      : [];
    const categoryFirst = [
      ...hits.filter((h) => ticket.categoryId && h.categoryId === ticket.categoryId).map((h) => h.id),
      ...inCategory.map((r) => r.id),
      ...hits.filter((h) => !ticket.categoryId || h.categoryId !== ticket.categoryId).map((h) => h.id),
    ].slice(0, limit);
    if (categoryFirst.length === 0) return [];
    const rows = await db.select().from(kbArticles).where(inArray(kbArticles.id, categoryFirst));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return categoryFirst.flatMap((id) => {
      const a = byId.get(id);
      if (!a) return [];
      return [
        {
          id: a.id,
          slug: a.slug,
          title: a.title,
          summary: a.summary,
          audience: a.audience,
          inCategory: ticket.categoryId !== null && a.categoryId === ticket.categoryId,
          html: renderMarkdown(a.body),
          publicUrl: a.audience === 'public' ? appUrl(`/help/${encodeURIComponent(a.slug)}`) : null,
        },
      ];
    });
  });
}
