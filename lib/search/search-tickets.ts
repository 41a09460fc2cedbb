import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { statusEnum, type Status } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { fail, fromZod } from '@/lib/core/result';
import { MAX_QUERY, readSearchTerms } from './query';
import {
  correctable,
  readBoundary,
  searchSettings,
  searchSql,
  spellingSql,
  type MatchKind,
  type SearchSqlRow,
} from './search-sql';
import { applyCorrections, chooseCorrections, correctableWords, type Candidate } from './spelling';

export type { MatchKind } from './search-sql';
export { MAX_QUERY } from './query';
export const PAGE_SIZE = 25;

export const searchInputSchema = z.object({
  // NUL cannot reach PostgreSQL ("invalid byte sequence"): it is dropped, as are lone surrogates.
  q: z
    .preprocess(
      (v) => (typeof v === 'string' ? v.replaceAll('\u0000', '').toWellFormed() : v),
      z.string({ error: 'Type what to search for.' }),
    )
    .pipe(
      z
        .string()
        .trim()
        .min(1, 'Type what to search for.')
        .max(MAX_QUERY, `Search for at most ${MAX_QUERY} characters.`),
    ),
  status: z.enum(statusEnum.enumValues).optional(),
  teamId: z.uuid().optional(),
  after: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type SearchInput = z.input<typeof searchInputSchema>;

export interface SearchRow {
  id: string;
  number: number;
  cern: string | null;
  subject: string;
  /** The subject with matched words between MARK_START and MARK_END (see ./highlight). */
  subjectHighlight: string;
  /** A short extract of the description or of the matching message, marked the same way. */
  snippet: string | null;
  snippetSource: 'description' | 'public' | 'internal' | null;
  customerName: string;
  teamName: string | null;
  status: Status;
  priority: number;
  createdAt: Date;
  rank: number;
  matchedOn: MatchKind;
}

export interface SearchPage {
  rows: SearchRow[];
  /** Opaque cursor for the next page, or null on the last page. */
  next: string | null;
  /** The query searched instead, when a misspelt word was corrected ("refnud" → "refund"), else null. */
  correctedQuery: string | null;
}

// Cursor: the sort key of the last row shown — (rank, number), both descending. Ranks are
// rounded in SQL, so the same search gives the same rank on the next page.
const encodeCursor = (r: SearchRow) => Buffer.from(JSON.stringify([r.rank, r.number])).toString('base64url');
function decodeCursor(cursor: string): [number, number] {
  try {
    return z
      .tuple([z.number().finite().min(-1e9).max(1e9), z.number().int().min(1).max(2_147_483_647)])
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
  } catch {
    fail('invalid', 'That page link is no longer valid; start from the first page.');
  }
}

const toRow = (r: SearchSqlRow): SearchRow => ({
  id: r.id,
  number: Number(r.number),
  cern: r.cern,
  subject: r.subject,
  subjectHighlight: r.subject_highlight,
  snippet: r.snippet,
  snippetSource: r.snippet_source,
  customerName: r.customer_name,
  teamName: r.team_name,
  status: r.status,
  priority: Number(r.priority),
  createdAt: new Date(r.created_at),
  rank: Number(r.score),
  matchedOn: r.how,
});

/**
 * The header's one search box: tickets by number, CERN, subject, description, message text
 * (replies and internal notes), customer name (typos allowed), e-mail or phone. Ranked: an exact
 * number or CERN first, then the customer an e-mail or phone names, then a customer's name and
 * the text matches by relevance (./search-sql.ts). Filterable by status and team, paginated by
 * keyset on (rank, number). Staff only. `recentTickets` sizes the recent part of the text scans
 * (see RECENT_TICKETS); tests make it small to run both parts on a small database.
 */
export async function searchTickets(
  db: Db,
  actor: Actor,
  raw: SearchInput,
  options: { recentTickets?: number } = {},
): Promise<SearchPage> {
  requirePermission(actor, 'ticket.read_any');
  const parsed = searchInputSchema.safeParse(raw);
  if (!parsed.success) {
    const failure = fromZod(parsed.error, 'Check the search.');
    fail('invalid', failure.fieldErrors?.q?.[0] ?? failure.message, failure.fieldErrors);
  }
  const input = parsed.data;
  const limit = input.limit ?? PAGE_SIZE;
  const after = input.after ? decodeCursor(input.after) : null;
  let terms = readSearchTerms(input.q);
  let correctedQuery: string | null = null;
  const rows = await db.transaction(async (tx) => {
    const [settings] = rowsOf<Parameters<typeof readBoundary>[0]>(
      await tx.execute(searchSettings(options.recentTickets, Boolean(input.status || input.teamId))),
    );
    // A misspelt word that finds nothing is searched as the known word it is closest to.
    const queryWords = correctable(terms) ? correctableWords(terms.text) : [];
    if (queryWords.length > 0) {
      const corrections = chooseCorrections(
        rowsOf<Candidate>(await tx.execute(spellingSql(terms, queryWords))).map((c) => ({
          ...c,
          similarity: Number(c.similarity),
        })),
      );
      if (corrections.size > 0) {
        correctedQuery = applyCorrections(terms.text, corrections);
        terms = readSearchTerms(correctedQuery);
      }
    }
    const query = searchSql(
      terms,
      { status: input.status, teamId: input.teamId },
      limit,
      after,
      readBoundary(settings),
    );
    return rowsOf<SearchSqlRow>(await tx.execute(query));
  });
  const mapped = rows.map(toRow);
  const page = mapped.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: mapped.length > limit && last ? encodeCursor(last) : null, correctedQuery };
}
