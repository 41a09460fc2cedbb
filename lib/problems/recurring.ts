import { sql } from 'drizzle-orm';
import { ACTIVE } from './resolve-problem';
import { rowsOf, type Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { fail } from '@/lib/core/result';
import {
  assessRise,
  BASELINE_WEEKS,
  byRise,
  dayString,
  DEFAULT_RISE_RULE,
  weekIndex,
  type RiseAssessment,
} from './recurring-rule';

/**
 * Recurring issues: categories and subject words whose volume this week rises well above their
 * recent baseline (the rule: recurring-rule.ts).
 *
 * Counting. Reading nine weeks of tickets on every request would not stay within 100 ms at 1M
 * tickets, so the `problems.recurring-counts` job keeps `recurring_daily_counts`: per day, the
 * requests created per category and per subject word. Each run recounts the last RECOUNT_DAYS days
 * (a request's category is set at identification, often days after it arrived) and counts any day
 * of the 63-day horizon it has not counted yet (recurring_counted_days), each day from
 * `tickets_created_at_idx` alone. The list reads only those small rows.
 *
 * Words: the English full-text lexemes of the subject (`to_tsvector('english', subject)`, the
 * same as the subject part — weight A — of tickets.search_vector), so "payment failed", "payments
 * failing" and "Failed payment!" count as the same two words, stop words are dropped by the
 * dictionary, and lexemes holding a digit (order numbers, ids, dates) or shorter than 3 letters are
 * left out. We chose words over a normalised whole subject because people describe one cause in
 * many wordings: a subject key only groups identical phrasings, while a rising word still shows
 * when every subject is different. Example tickets for a word are found through search_vector's
 * GIN index with the word restricted to weight A (the subject).
 */

export const HORIZON_DAYS = 7 * (BASELINE_WEEKS + 1);
export const RECOUNT_DAYS = 14;
const MIN_WORD_LENGTH = 3;
export const EXAMPLES_PER_ITEM = 5;
export const MAX_ITEMS = 12;

export type RecurringKind = 'category' | 'word';

/**
 * Counts the requests created on each of `days` (YYYY-MM-DD, UTC) again, in one statement each.
 * Runs of the job at once (a retry overlapping a slow run, two workers) take turns: each chunk
 * holds a transaction-level advisory lock, so one run's delete + insert never meets another's
 * insert of the same keys (a primary key violation); the later run simply counts the days again.
 */
async function countDays(db: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('recurring-counts'))`);
  const list = sql.join(
    days.map((d) => sql`${d}::date`),
    sql`, `,
  );
  await db.execute(sql`delete from recurring_daily_counts where day in (${list})`);
  await db.execute(sql`
    with t as (
      select (created_at at time zone 'UTC')::date as day, category_id, subject
      from tickets
      where created_at >= (${days.reduce((a, b) => (a < b ? a : b))}::date at time zone 'UTC')
        and created_at < ((${days.reduce((a, b) => (a > b ? a : b))}::date + 1) at time zone 'UTC')
    )
    insert into recurring_daily_counts (kind, key, day, count)
    select 'category', category_id::text, day, count(*)::int from t
      where category_id is not null and day in (${list}) group by category_id, day
    union all
    select 'word', w.word, t.day, count(*)::int
      from t, unnest(tsvector_to_array(to_tsvector('english'::regconfig, t.subject))) as w(word)
      where t.day in (${list}) and length(w.word) >= ${MIN_WORD_LENGTH} and w.word !~ '[0-9]'
      group by w.word, t.day`);
  await db.execute(sql`
    insert into recurring_counted_days (day, counted_at)
    select d, now() from unnest(array[${list}]) as d
    on conflict (day) do update set counted_at = excluded.counted_at`);
}

/**
 * The job's work: recount the recent days and count the horizon's missing ones, a week of days per
 * transaction (bounded work; a failure keeps what was counted). Returns the days counted.
 */
export async function refreshRecurringCounts(
  db: Db,
  options: { now?: Date; recountDays?: number } = {},
): Promise<{ days: number }> {
  const now = options.now ?? new Date();
  const recount = options.recountDays ?? RECOUNT_DAYS;
  const horizon = Array.from({ length: HORIZON_DAYS }, (_, i) => dayString(now, i));
  const counted = new Set(
    rowsOf<{ day: string }>(
      await db.execute(
        sql`select day::text as day from recurring_counted_days where day >= ${horizon[horizon.length - 1]}::date`,
      ),
    ).map((r) => r.day),
  );
  const due = horizon.filter((day, i) => i < recount || !counted.has(day));
  for (let i = 0; i < due.length; i += 7) {
    const chunk = due.slice(i, i + 7);
    await db.transaction((tx) => countDays(tx as unknown as Db, chunk));
  }
  // Days past the horizon are never read again.
  await db.execute(sql`delete from recurring_daily_counts where day < ${horizon[horizon.length - 1]}::date`);
  await db.execute(sql`delete from recurring_counted_days where day < ${horizon[horizon.length - 1]}::date`);
  return { days: due.length };
}

export interface RecurringExample {
  number: number;
  subject: string;
  status: string;
  createdAt: Date;
  problemId: string | null;
}

export interface RecurringItem {
  kind: RecurringKind;
  /** Category id or word (lexeme). */
  key: string;
  /** What the lead reads: the category's name, or the word(s) — words rising on the same requests are one item. */
  label: string;
  assessment: RiseAssessment;
  /** Weekly counts of the baseline, most recent first. */
  baseline: number[];
  examples: RecurringExample[];
}

export interface RecurringReport {
  items: RecurringItem[];
  /** When the counts were last refreshed (the job), null before the first run. */
  countedAt: Date | null;
  today: string;
}

/**
 * The recurring-issues list for leads (and agents, read-only): rising categories and words, most
 * unusual first, each with up to EXAMPLES_PER_ITEM recent requests (open ones in no problem yet first: those a lead
 * would group).
 */
export async function listRecurringIssues(
  db: Db,
  actor: Actor,
  options: { now?: Date } = {},
): Promise<RecurringReport> {
  if (!can(actor, 'problem.read')) fail('not_found', 'That page was not found.');
  return detectRecurring(db, options.now ?? new Date());
}

export async function detectRecurring(db: Db, now: Date): Promise<RecurringReport> {
  const today = dayString(now);
  const weekStart = dayString(now, 6);
  const horizonStart = dayString(now, HORIZON_DAYS - 1);
  // This week's candidates (at least the minimum count), then the baseline of those alone.
  const current = rowsOf<{ kind: RecurringKind; key: string; n: number }>(
    await db.execute(sql`
      select kind, key, sum(count)::int as n from recurring_daily_counts
      where day between ${weekStart}::date and ${today}::date
      group by kind, key having sum(count) >= ${DEFAULT_RISE_RULE.minCount}`),
  );
  const [meta] = rowsOf<{ counted_at: Date | string | null }>(
    await db.execute(sql`select max(counted_at) as counted_at from recurring_counted_days`),
  );
  const countedAt = meta?.counted_at ? new Date(meta.counted_at) : null;
  if (current.length === 0) return { items: [], countedAt, today };

  const keys = sql.join(
    current.map((c) => sql`(${c.kind}, ${c.key})`),
    sql`, `,
  );
  const base = rowsOf<{ kind: RecurringKind; key: string; day: string; n: number }>(
    await db.execute(sql`
      select kind, key, day::text as day, count as n from recurring_daily_counts
      where (kind, key) in (${keys}) and day between ${horizonStart}::date and ${dayString(now, 7)}::date`),
  );
  const baselines = new Map<string, number[]>();
  for (const row of base) {
    const id = `${row.kind}:${row.key}`;
    const weeks = baselines.get(id) ?? Array<number>(BASELINE_WEEKS).fill(0);
    const week = weekIndex(today, row.day);
    if (week >= 1 && week <= BASELINE_WEEKS) weeks[week - 1]! += Number(row.n);
    baselines.set(id, weeks);
  }
  const rising = current
    .map((c) => {
      const baseline = baselines.get(`${c.kind}:${c.key}`) ?? Array<number>(BASELINE_WEEKS).fill(0);
      return { kind: c.kind, key: c.key, baseline, assessment: assessRise(Number(c.n), baseline) };
    })
    .filter((c) => c.assessment.rising)
    .sort(byRise)
    .slice(0, MAX_ITEMS);

  const categoryIds = rising.filter((r) => r.kind === 'category').map((r) => r.key);
  const names = new Map(
    categoryIds.length
      ? rowsOf<{ id: string; name: string }>(
          await db.execute(
            sql`select id::text as id, name from categories where id in (${sql.join(
              categoryIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`,
          ),
        ).map((r) => [r.id, r.name])
      : [],
  );
  const since = new Date(`${weekStart}T00:00:00Z`);
  const items: RecurringItem[] = [];
  for (const r of rising) {
    const match =
      r.kind === 'category'
        ? sql`t.category_id = ${r.key}::uuid`
        : sql`t.search_vector @@ (quote_literal(${r.key}) || ':A')::tsquery`;
    const examples = rowsOf<{
      number: number;
      subject: string;
      status: string;
      created_at: Date | string;
      problem_id: string | null;
    }>(
      await db.execute(sql`
        select t.number, t.subject, t.status, t.created_at, pt.problem_id
        from tickets t left join problem_tickets pt on pt.ticket_id = t.id
        where ${match} and t.created_at >= ${since.toISOString()}::timestamptz
        order by (t.status in ${ACTIVE} and pt.problem_id is null) desc,
          (t.status in ${ACTIVE}) desc, t.created_at desc
        limit ${EXAMPLES_PER_ITEM}`),
    );
    // Words that rose together on the same requests ("apple", "pay", "declined") are one item.
    const same = items.find(
      (i) =>
        i.kind === 'word' &&
        r.kind === 'word' &&
        i.examples.length === examples.length &&
        i.examples.every((e, n) => e.number === Number(examples[n]!.number)),
    );
    if (same) {
      same.label = `${same.label}, ${r.key}`;
      continue;
    }
    items.push({
      ...r,
      label: r.kind === 'category' ? (names.get(r.key) ?? 'Unknown category') : r.key,
      examples: examples.map((e) => ({
        number: Number(e.number),
        subject: e.subject,
        status: e.status,
        createdAt: new Date(e.created_at),
        problemId: e.problem_id,
      })),
    });
  }
  return { items, countedAt, today };
}
