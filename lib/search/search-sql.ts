import { sql, type SQL } from 'drizzle-orm';
import type { Status } from '@/db/schema';
import { MARK_END, MARK_START } from './highlight';
import type { SearchTerms } from './query';

/**
 * The one statement behind the search box (lib/search/search-tickets.ts runs it). Every way a
 * query can match is a source with its own index, bounded by a LIMIT:
 *
 * | source            | matches                                        | index                      | score            |
 * | ----------------- | ---------------------------------------------- | -------------------------- | ---------------- |
 * | exact             | `#1042`, `1042`, `CERN-2026-000123`            | tickets_number_key, _cern_key | 1000           |
 * | contact           | a whole e-mail or phone / a fragment of one    | customers_email_key, _phone_key, trigram | 500 / 400 |
 * | customer          | a customer's name, typos allowed               | customers_name_trgm_idx    | 1.5 × similarity² |
 * | text              | subject (A), description and summaries (B)     | tickets_search_idx (GIN)   | ts_rank          |
 * | message           | replies and internal notes (C)                 | messages_search_idx (GIN)  | ts_rank          |
 * | similar           | subjects with a typo, only if the rest found less than a page | tickets_subject_trgm_idx | 0.1 × similarity |
 *
 * A ticket's rank is the sum of its sources' scores; ties go to the newer ticket.
 */

/**
 * Each way of matching contributes its best WINDOW tickets, newest first, before ranking. A word
 * that is in 300,000 tickets is then ranked among its newest matches instead of all of them, which
 * keeps every search bounded; a rarer word (fewer matches than the window) is ranked in full.
 */
const WINDOW = 200;
/** Matching customers by name: the closest ones only. */
const NAME_CANDIDATES = 20;
/** Scores: an exact identifier outranks any text match. Text ranks are ts_rank (weights A 1, B 0.4, C 0.2). */
const SCORE = { exact: 1000, contact: 500, contactPartial: 400, nameFactor: 1.5, similarFactor: 0.1 } as const;
/** Our own constants, written into the SQL text (never user input): the planner sees the real LIMITs. */
const n = (value: number) => sql.raw(String(value));
/** pg_trgm's word_similarity cut-off: "Boatang" still finds "Kofi Boateng" (0.5). */
const SIMILARITY_THRESHOLD = 0.5;
/** A short query shares a trigram or two with too much ("the" with "Thomas"): it must match closely. */
const minSimilarity = (text: string) => (text.length < 5 ? 0.8 : SIMILARITY_THRESHOLD);
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;
const SUBJECT_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

/** Why a ticket is in the results: the best-scoring way it matched. */
export type MatchKind = 'number' | 'cern' | 'contact' | 'customer' | 'text' | 'message' | 'similar';

export interface SearchFilters {
  status?: Status;
  teamId?: string;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Filters go inside every source, so each window is filled with tickets the agent asked for. */
function ticketFilter(f: SearchFilters): SQL {
  return sql`${f.status ? sql` and t.status = ${f.status}::status` : sql``}${f.teamId ? sql` and t.team_id = ${f.teamId}::uuid` : sql``}`;
}

/** The ways a query can match, each a `(id, score, how, message_id)` select; only those that apply. */
function sources(terms: SearchTerms, f: SearchFilters): SQL[] {
  const where = ticketFilter(f);
  const text = terms.text;
  const tsq = sql`websearch_to_tsquery('english', ${text}::text)`;
  const parts: SQL[] = [];

  if (terms.number !== null || terms.cern !== null) {
    const byNumber = terms.number !== null ? sql`t.number = ${terms.number}::int` : sql`false`;
    const byCern = terms.cern !== null ? sql`t.cern = ${terms.cern}::text` : sql`false`;
    parts.push(sql`select t.id, ${n(SCORE.exact)}::float8 as score, case when ${byNumber} then 'number' else 'cern' end as how, null::uuid as message_id
      from tickets t where (${byNumber} or ${byCern})${where}`);
  }

  const exactContact: SQL[] = [];
  const partialContact: SQL[] = [];
  if (terms.email) exactContact.push(sql`c.email = ${terms.email}::text`);
  if (terms.phone) exactContact.push(sql`c.phone = ${terms.phone}::text`);
  if (terms.phoneTail) partialContact.push(sql`c.phone like ${`%${escapeLike(terms.phoneTail)}`}::text`);
  if (terms.emailFragment && !terms.email) partialContact.push(sql`c.email like ${`%${escapeLike(terms.emailFragment)}%`}::text`);
  if (exactContact.length + partialContact.length > 0) {
    const exact = exactContact.length > 0 ? sql.join(exactContact, sql` or `) : sql`false`;
    parts.push(sql`select t.id, (case when c.exact then ${n(SCORE.contact)} else ${n(SCORE.contactPartial)} end)::float8 as score, 'contact' as how, null::uuid as message_id
      from (select c.id, (${exact}) as exact from customers c where ${sql.join([...exactContact, ...partialContact], sql` or `)} limit ${n(NAME_CANDIDATES)}) c
      join tickets t on t.customer_id = c.id
      where true${where}
      order by c.exact desc, t.number desc limit ${n(WINDOW)}`);
  }

  // A name: letters, a few words, not an address.
  const nameLike = terms.hasLetters && !terms.exact && !terms.email && !terms.emailFragment && text.split(/\s+/).length <= 4;
  if (nameLike) {
    parts.push(sql`select t.id, (${n(SCORE.nameFactor)} * c.sim * c.sim)::float8 as score, 'customer' as how, null::uuid as message_id
      from (select c.id, word_similarity(${text}::text, c.name) as sim from customers c
            where ${text}::text <% c.name and word_similarity(${text}::text, c.name) >= ${n(minSimilarity(text))}
            order by sim desc, c.id limit ${n(NAME_CANDIDATES)}) c
      join tickets t on t.customer_id = c.id
      where true${where}
      order by c.sim desc, t.number desc limit ${n(WINDOW)}`);
  }

  // Subject, description, exception details and resolution summary (weights A, B).
  parts.push(sql`select x.id, ts_rank(x.search_vector, ${tsq})::float8 as score, 'text' as how, null::uuid as message_id
    from (select t.id, t.search_vector from tickets t where t.search_vector @@ ${tsq}${where}
          order by t.number desc limit ${n(WINDOW)}) x`);

  // Replies and internal notes (weight C), newest first; the best message per ticket is the one shown.
  const filtered = f.status || f.teamId;
  parts.push(sql`select distinct on (x.ticket_id) x.ticket_id as id, ts_rank(x.search_vector, ${tsq})::float8 as score, 'message' as how, x.id as message_id
    from (select m.id, m.ticket_id, m.search_vector from messages m${filtered ? sql` join tickets t on t.id = m.ticket_id` : sql``}
          where m.search_vector @@ ${tsq} and m.author_kind <> 'system'${where}
          order by m.created_at desc limit ${n(WINDOW)}) x
    order by x.ticket_id, score desc, x.id`);

  return parts;
}

/**
 * Typo tolerance on subjects, only when the exact ways found less than a page (the gate is an
 * uncorrelated subquery, so PostgreSQL skips the scan entirely when it is false). Like the text
 * window: the newest close subjects, ranked by how close they are.
 */
function similarSubjects(terms: SearchTerms, f: SearchFilters, limit: number): SQL | null {
  if (!terms.hasLetters || terms.exact || terms.text.length < 4) return null;
  const text = terms.text;
  return sql`select x.id, (${n(SCORE.similarFactor)} * x.sim)::float8 as score, 'similar' as how, null::uuid as message_id
    from (select t.id, word_similarity(${text}::text, t.subject) as sim from tickets t
          where ${text}::text <% t.subject${ticketFilter(f)} and (select count(distinct id) from found) < ${n(limit)}
          order by t.number desc limit ${n(WINDOW)}) x
    where x.sim >= ${n(minSimilarity(text))}`;
}

/**
 * Local to the search's transaction: looser trigram matching for typos; a plan made for these very
 * values (a word in half the tickets and a word in three want different plans); and no parallel
 * workers, whose start-up costs more than these bounded scans (measured: +80 ms on two cores).
 */
export const searchSettings = sql`select set_config('pg_trgm.word_similarity_threshold', ${String(SIMILARITY_THRESHOLD)}, true), set_config('plan_cache_mode', 'force_custom_plan', true), set_config('max_parallel_workers_per_gather', '0', true)`;

/** Columns of a result row, as the database gives them. */
export interface SearchSqlRow {
  id: string;
  number: number;
  cern: string | null;
  subject: string;
  subject_highlight: string;
  snippet: string | null;
  snippet_source: 'description' | 'public' | 'internal' | null;
  customer_name: string;
  team_name: string | null;
  status: Status;
  priority: number;
  created_at: string | Date;
  score: number;
  how: MatchKind;
}

/** The search statement: ranked, filtered, one page (plus one row to know if there is a next) from `after` = (rank, number). */
export function searchSql(terms: SearchTerms, filters: SearchFilters, limit: number, after: [number, number] | null): SQL {
  const similar = similarSubjects(terms, filters, limit);
  const tsq = sql`websearch_to_tsquery('english', ${terms.text}::text)`;
  // Ticket text could hold the marker characters; dropping them keeps the marks balanced.
  const clean = (column: SQL) => sql`replace(replace(${column}, chr(57344), ''), chr(57345), '')`;

  return sql`
    with found as (${sql.join(
      sources(terms, filters).map((part) => sql`(${part})`),
      sql` union all `,
    )}),
    hits as (select * from found${similar ? sql` union all (${similar})` : sql``}),
    ranked as (
      select id, round(sum(score)::numeric, 6)::float8 as score,
             (array_agg(how order by score desc))[1] as how,
             (array_agg(message_id) filter (where message_id is not null))[1] as message_id
      from hits group by id
    ),
    page as (
      select r.id, r.score, r.how, r.message_id, t.number, t.cern, t.subject, t.description, t.status, t.priority, t.created_at,
             c.name as customer_name, tm.name as team_name
      from ranked r
      join tickets t on t.id = r.id
      join customers c on c.id = t.customer_id
      left join teams tm on tm.id = t.team_id
      ${after ? sql`where (r.score, t.number) < (${String(after[0])}::float8, ${after[1]}::int)` : sql``}
      order by r.score desc, t.number desc
      limit ${n(limit + 1)}
    )
    select p.id, p.number, p.cern, p.subject, p.status, p.priority, p.created_at, p.customer_name, p.team_name, p.score, p.how,
           ts_headline('english', ${clean(sql`p.subject`)}, ${tsq}, ${SUBJECT_OPTIONS}) as subject_highlight,
           ts_headline('english', ${clean(sql`coalesce(m.body, p.description)`)}, ${tsq}, ${HEADLINE_OPTIONS}) as snippet,
           case when m.id is null then 'description' else m.visibility::text end as snippet_source
    from page p left join messages m on m.id = p.message_id
    order by p.score desc, p.number desc`;
}
