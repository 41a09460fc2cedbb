import { sql, type SQL } from 'drizzle-orm';
import type { Status } from '@/db/schema';
import { MARK_END, MARK_START } from './highlight';
import type { SearchTerms } from './query';

/**
 * The one statement behind the search box (lib/search/search-tickets.ts runs it). Every way a
 * query can match is a source with its own index and its own LIMIT:
 *
 * - exact: `#1042`, `1042`, `CERN-2026-000123` (tickets_number_key, tickets_cern_key) — 1000
 * - external: an imported request's number in the helpdesk it came from (import_keys_external_idx) — 1000
 * - contact: a whole e-mail or phone (unique keys) — 500; a fragment of one (trigram) — 400
 * - customer: a customer's name, typos allowed (customers_name_trgm_idx) — 1.5 × similarity²
 * - text: subject (A), description and agent summaries (B) (tickets_search_idx) — ts_rank
 * - message: replies and internal notes (C) (messages_search_idx, messages_search_recency_idx) — ts_rank
 * - similar: subjects with a typo, only when the rest found less than a page (tickets_subject_trgm_idx) — 0.1 × similarity
 *
 * A ticket's rank is the sum of its sources' scores (ts_rank is 0.1–1); ties go to the newer ticket.
 */

/**
 * Each way of matching contributes its best WINDOW tickets, newest first, before ranking. A word
 * that is in 300,000 tickets is then ranked among its newest matches instead of all of them, which
 * keeps every search bounded; a rarer word (fewer matches than the window) is ranked in full.
 */
const WINDOW = 200;
/** Messages outnumber tickets five to one: a smaller window keeps the walk for a common word short. */
const MESSAGE_WINDOW = 100;
/**
 * Under a filter the message window is narrowed afterwards (see sources), so it is wider: a status
 * or team with a few percent of the tickets still finds its matches among the newest thousand.
 */
const FILTERED_MESSAGE_WINDOW = 1000;
/**
 * Text is searched in two parts: the newest RECENT_TICKETS requests (and the messages written
 * since the first of them), then the older ones only when the recent part gave less than half a
 * window (see newest). The result is one scan's whenever the recent part holds fewer matches than
 * that or at least a window; in between, the window is the recent matches alone (and under a
 * filter, the older part is skipped once the recent part holds 50 matching messages on any ticket,
 * so older replies of a filtered status can be missed for common words): recall traded for a
 * bounded cost, as the window itself does. In the recent part PostgreSQL
 * may walk back along the number (or time) index, which is what makes a common word fast, and
 * such a walk is bounded by the part's size even when the planner misjudges how common the words
 * are ("delivery late" is far rarer than "delivery" × "late": the walk read 329,000 messages).
 * The older part is read through the full-text index only (its ORDER BY is written so that no
 * index can serve it), so it costs what its matches cost and never a walk through millions of rows.
 */
export const RECENT_TICKETS = 20_000;
/**
 * Under a filter the recent part of the messages is the newest RECENT_TICKETS messages (counted in
 * the index, not guessed from tickets: tickets opened without replies would shrink it): with the
 * wider filtered window, the walk for a mid-frequency word read all ~100,000 messages of the
 * newest 20,000 tickets (150–220 ms); 20,000 messages take 20–40 ms. Unfiltered searches keep the
 * larger part: there the planner reads a rare word through the index (5 ms), which it stops doing
 * on the smaller part (a 20 ms walk).
 */
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
export type MatchKind = 'number' | 'cern' | 'external' | 'contact' | 'customer' | 'text' | 'message' | 'similar';

export interface SearchFilters {
  status?: Status;
  teamId?: string;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Filters go inside the ticket-side sources, so their windows fill with tickets the agent asked
 * for; the message and similar-subject windows are narrowed by them afterwards (see there).
 */
function ticketFilter(f: SearchFilters): SQL {
  return sql`${f.status ? sql` and t.status = ${f.status}::status` : sql``}${f.teamId ? sql` and t.team_id = ${f.teamId}::uuid` : sql``}`;
}

/** Words that may be a name or a typo: letters, no quotes or exclusions, not a CERN or an address. */
const words = (terms: SearchTerms) =>
  terms.hasLetters && !terms.exact && !terms.cern && !terms.email && !terms.emailFragment;

/** Where the recent part ends, for tickets (by number) and for messages (by time). */
interface Part {
  recent: SQL;
  older: SQL;
}
interface Split {
  byNumber: Part;
  byTime: Part;
}
/** The same order, once as an index can serve it (a walk), once so that none can. */
interface Order {
  walkable: SQL;
  indexOnly: SQL;
}
const BY_NUMBER: Order = { walkable: sql`t.number desc`, indexOnly: sql`t.number + 0 desc` };
const BY_TIME: Order = { walkable: sql`m.created_at desc`, indexOnly: sql`m.created_at + interval '0 seconds' desc` };

function splitAt(boundary: RecentBoundary | null): Split | null {
  if (!boundary) return null;
  const since = sql`${boundary.since}::timestamptz`;
  return {
    byNumber: {
      recent: sql` and t.number > ${boundary.number}::int`,
      older: sql` and t.number <= ${boundary.number}::int`,
    },
    byTime: { recent: sql` and m.created_at > ${since}`, older: sql` and m.created_at <= ${since}` },
  };
}

/**
 * The newest `limit` rows of `scan` (which outputs its sort key as `k`): from the recent part, then
 * from the older part only when the recent part had fewer than half as many (an uncorrelated gate:
 * PostgreSQL skips that scan entirely otherwise). The older part is read through the full-text
 * index, so it costs what its matches cost; gating at half a window bounds that: a word the recent
 * part holds 100 times is in ~5,000 of a million older tickets, not 40,000 ("delivery late" under
 * the closed filter found 186 of 200 recent matches and then read 36,606 older ones: 390 ms).
 * Without a split (a small database), one scan. Returns the CTEs to add and the rows, as a
 * parenthesised select.
 */
function newest(
  name: string,
  limit: number,
  split: Part | null,
  order: Order,
  scan: (range: SQL, order: SQL) => SQL,
  gateAt = Math.ceil(limit / 2),
): { ctes: SQL[]; rows: SQL } {
  if (!split) return { ctes: [], rows: sql`(${scan(sql``, order.walkable)} limit ${n(limit)})` };
  const recent = sql.raw(`${name}_recent`);
  const older = sql.raw(`${name}_older`);
  const gate = sql` and (select count(*) from ${recent}) < ${n(gateAt)}`;
  return {
    ctes: [
      sql`${recent} as (${scan(split.recent, order.walkable)} limit ${n(limit)})`,
      sql`${older} as (${scan(sql`${split.older}${gate}`, order.indexOnly)} limit ${n(limit)})`,
    ],
    rows: sql`(select * from ${recent} union all (select * from ${older}) order by k desc limit ${n(limit)})`,
  };
}

/** The ways a query can match, each a `(id, score, how, message_id)` select; only those that apply, and the CTEs they use. */
function sources(terms: SearchTerms, f: SearchFilters, split: Split | null): { ctes: SQL[]; parts: SQL[] } {
  const where = ticketFilter(f);
  const text = terms.text;
  const tsq = sql`websearch_to_tsquery('english', ${text}::text)`;
  const parts: SQL[] = [];
  const ctes: SQL[] = [];

  if (terms.number !== null || terms.cern !== null) {
    const byNumber = terms.number !== null ? sql`t.number = ${terms.number}::int` : sql`false`;
    const byCern = terms.cern !== null ? sql`t.cern = ${terms.cern}::text` : sql`false`;
    parts.push(sql`select t.id, ${n(SCORE.exact)}::float8 as score, case when ${byNumber} then 'number' else 'cern' end as how, null::uuid as message_id
      from tickets t where (${byNumber} or ${byCern})${where}`);
  }

  if (terms.externalRef !== null) {
    parts.push(sql`select t.id, ${n(SCORE.exact)}::float8 as score, 'external' as how, null::uuid as message_id
      from import_keys k join tickets t on t.id = k.entity_id
      where k.kind = 'ticket' and k.external_id = ${terms.externalRef}::text${where} limit ${n(WINDOW)}`);
  }

  const exactContact: SQL[] = [];
  const partialContact: SQL[] = [];
  if (terms.email) exactContact.push(sql`c.email = ${terms.email}::text`);
  if (terms.phone) exactContact.push(sql`c.phone = ${terms.phone}::text`);
  if (terms.phoneTail) partialContact.push(sql`c.phone like ${`%${escapeLike(terms.phoneTail)}`}::text`);
  if (terms.emailFragment && !terms.email)
    partialContact.push(sql`c.email like ${`%${escapeLike(terms.emailFragment)}%`}::text`);
  if (exactContact.length + partialContact.length > 0) {
    const exact = exactContact.length > 0 ? sql.join(exactContact, sql` or `) : sql`false`;
    parts.push(sql`select t.id, (case when c.exact then ${n(SCORE.contact)} else ${n(SCORE.contactPartial)} end)::float8 as score, 'contact' as how, null::uuid as message_id
      from (select c.id, (${exact}) as exact from customers c where ${sql.join([...exactContact, ...partialContact], sql` or `)} limit ${n(NAME_CANDIDATES)}) c
      join tickets t on t.customer_id = c.id
      where true${where}
      order by c.exact desc, t.number desc limit ${n(WINDOW)}`);
  }

  // A name: a few words.
  const nameLike = words(terms) && text.split(/\s+/).length <= 4;
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
  const inTickets = newest(
    'text',
    WINDOW,
    split?.byNumber ?? null,
    BY_NUMBER,
    (range, order) =>
      sql`select t.id, t.search_vector, t.number as k from tickets t where t.search_vector @@ ${tsq}${range}${where} order by ${order}`,
  );
  ctes.push(...inTickets.ctes);
  parts.push(
    sql`select x.id, ts_rank(x.search_vector, ${tsq})::float8 as score, 'text' as how, null::uuid as message_id from ${inTickets.rows} x`,
  );

  // Replies and internal notes (weight C): the newest matching messages; the best one per ticket
  // is the one shown. Filters narrow that window rather than drive the scan ("new" requests have
  // almost no replies, and walking back through every message to find theirs took seconds), so
  // under a filter the window is ten times wider (FILTERED_MESSAGE_WINDOW).
  const filtered = Boolean(f.status || f.teamId);
  // The older part's gate stays at half the unfiltered window: a word with 500 of 20,000 recent
  // messages is in 2.5% of them, and reading its ~125,000 older matches took 800 ms.
  const thread = newest(
    'message',
    filtered ? FILTERED_MESSAGE_WINDOW : MESSAGE_WINDOW,
    split?.byTime ?? null,
    BY_TIME,
    (range, order) =>
      sql`select m.id, m.ticket_id, m.search_vector, m.created_at as k from messages m
        where m.search_vector @@ ${tsq} and m.author_kind <> 'system'${range} order by ${order}`,
    Math.ceil(MESSAGE_WINDOW / 2),
  );
  ctes.push(...thread.ctes);
  parts.push(sql`select distinct on (x.ticket_id) x.ticket_id as id, ts_rank(x.search_vector, ${tsq})::float8 as score, 'message' as how, x.id as message_id
    from ${filtered ? sql`(select m.* from ${thread.rows} m join tickets t on t.id = m.ticket_id where true${where})` : thread.rows} x
    order by x.ticket_id, score desc, x.id`);

  return { ctes, parts };
}

/**
 * Typo tolerance on subjects, only when the exact ways found less than a page (the gate is an
 * uncorrelated subquery, so PostgreSQL skips the scan entirely when it is false). Like the text
 * window: the newest close subjects, ranked by how close they are.
 */
function similarSubjects(terms: SearchTerms, f: SearchFilters, limit: number): SQL | null {
  if (!words(terms) || terms.text.length < 4) return null;
  const text = terms.text;
  // As with messages, filters narrow the window: word_similarity on every row of a long walk is slow.
  return sql`select t.id, (${n(SCORE.similarFactor)} * t.sim)::float8 as score, 'similar' as how, null::uuid as message_id
    from (select t.id, t.status, t.team_id, word_similarity(${text}::text, t.subject) as sim from tickets t
          where ${text}::text <% t.subject and (select count(distinct id) from found) < ${n(limit)}
          order by t.number desc limit ${n(WINDOW)}) t
    where t.sim >= ${n(minSimilarity(text))}${ticketFilter(f)}`;
}

/** The first ticket of the recent part (null on a database smaller than that). */
export interface RecentBoundary {
  number: number;
  /** Where the recent part of the messages ends: when that ticket was created, or under a filter the time of the RECENT_TICKETS-th newest message. */
  since: string;
}

/**
 * Run first, in the search's transaction. Sets, locally: looser trigram matching for typos (and
 * the spelling candidates' cut-off, which only spellingSql's `<<%` reads); a plan
 * made for these very values (a word in half the tickets and a word in three want different
 * plans); no parallel workers and no JIT, whose start-up costs more than these bounded scans
 * (measured on two cores: +80 ms for workers; up to +1.5 s for JIT, which the estimated cost of
 * the gated, usually skipped older part would switch on). Returns where the recent part ends (two
 * index probes), so the search statement can carry it as a constant the planner sees.
 */
export const searchSettings = (
  recentTickets: number = RECENT_TICKETS,
  filtered = false,
) => sql`select set_config('pg_trgm.word_similarity_threshold', ${String(SIMILARITY_THRESHOLD)}, true),
    set_config('pg_trgm.strict_word_similarity_threshold', ${String(SPELLING_SIMILARITY)}, true),
    set_config('plan_cache_mode', 'force_custom_plan', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true),
    b.number as boundary_number, ${filtered ? sql`mb.created_at` : sql`b.created_at`} as boundary_at
  from (select 1) as one
  left join lateral (select number, created_at from tickets where number <= (select max(number) from tickets) - ${n(recentTickets)}
                     order by number desc limit 1) b on true${
                       filtered
                         ? sql`
  left join lateral (select coalesce((select created_at from messages where author_kind <> 'system' order by created_at desc offset ${n(recentTickets)} limit 1),
                                     '1970-01-01T00:00:00Z'::timestamptz) as created_at) mb on true`
                         : sql``
                     }`;

export function readBoundary(
  row: { boundary_number?: number | string | null; boundary_at?: string | Date | null } | undefined,
): RecentBoundary | null {
  if (!row || row.boundary_number == null || row.boundary_at == null) return null;
  return { number: Number(row.boundary_number), since: new Date(row.boundary_at).toISOString() };
}

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
export function searchSql(
  terms: SearchTerms,
  filters: SearchFilters,
  limit: number,
  after: [number, number] | null,
  boundary: RecentBoundary | null,
): SQL {
  const similar = similarSubjects(terms, filters, limit);
  const { ctes, parts } = sources(terms, filters, splitAt(boundary));
  const tsq = sql`websearch_to_tsquery('english', ${terms.text}::text)`;
  // Ticket text could hold the marker characters; dropping them keeps the marks balanced.
  const clean = (column: SQL) => sql`replace(replace(${column}, chr(57344), ''), chr(57345), '')`;

  return sql`
    with ${sql.join(
      ctes.map((cte) => sql`${cte}, `),
      sql``,
    )}found as (${sql.join(
      parts.map((part) => sql`(${part})`),
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

/**
 * pg_trgm's cut-off for spelling candidates (strict_word_similarity, which for two single words is
 * their similarity): low, since a swap in a short word shares few trigrams ("refnud"/"refund":
 * 0.27); edit distance decides (./spelling.ts). The strict operator `<<%` because PGlite's pg_trgm
 * mishandles the plain `%` (no rows, then the next statement hangs); nothing else here uses it.
 */
const SPELLING_SIMILARITY = 0.2;
/** The closest few known words per misspelt word. */
const SPELLING_CANDIDATES = 10;

/** A query whose words may be corrected: plain words, as for names and similar subjects. */
export const correctable = (terms: SearchTerms) => words(terms);

/**
 * Spelling candidates for the query's `queryWords` (./spelling.ts correctableWords): for each
 * word that is no word of any subject (search_words), the known words closest to it. Only when
 * the query as typed finds nothing — no ticket or message text, no customer name — so a word that
 * is only in descriptions, messages or names, or a query that finds something, is never
 * "corrected" (the gate is uncorrelated: PostgreSQL probes each index once, and skips the
 * candidate lookup entirely when the gate is false). Stop words are never corrected. Run in the
 * search's transaction, after searchSettings. Rows: (word, candidate, similarity).
 */
export function spellingSql(terms: SearchTerms, queryWords: string[]): SQL {
  const tsq = sql`websearch_to_tsquery('english', ${terms.text}::text)`;
  const list = sql`array[${sql.join(
    queryWords.map((w) => sql`${w}::text`),
    sql`, `,
  )}]`;
  return sql`with unknown as (
      select w.word from unnest(${list}) as w(word)
      where not exists (select 1 from search_words s where s.word = w.word)
        and plainto_tsquery('english', w.word)::text <> ''
    ),
    gate as (
      select exists (select 1 from unknown)
        and not exists (select 1 from tickets t where t.search_vector @@ ${tsq})
        and not exists (select 1 from messages m where m.search_vector @@ ${tsq} and m.author_kind <> 'system')
        and not exists (select 1 from customers c where ${terms.text}::text <% c.name and word_similarity(${terms.text}::text, c.name) >= ${n(minSimilarity(terms.text))})
        as open
    )
    select u.word, k.word as candidate, k.sim as similarity
    from unknown u
    cross join lateral (
      select s.word, strict_word_similarity(u.word, s.word)::float8 as sim from search_words s
      where (select open from gate) and u.word <<% s.word
      order by sim desc, s.word limit ${n(SPELLING_CANDIDATES)}
    ) k`;
}
