import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';

/** The demo's cap for the history below: a customer surveyed in the 14 days before got none. */
const CAP_DAYS = 14;
/** The demo's reminder rule (the settings' default): one reminder 3 days after sending. */
const REMINDER_DAYS = 3;

/**
 * The survey rules' history in the demo (issue 13), over the surveys the stories sent: runs in
 * the seed's transaction, after the requests, deterministic given the stories and `now`.
 * - Every survey unanswered 3 days after sending got its one reminder (`reminder_sent_at`, a
 *   `survey_reminded` event), answered ones included when the answer came later than that.
 * - Six closed requests of customers surveyed in the 14 days before were skipped by the cap: no
 *   survey, a `survey_skipped` event instead of `survey_sent`.
 * - Three requests reopened once were reopened by their survey: answered "not fixed" (the
 *   `reopened` event names it); resolved again, they got no second survey.
 * Answered surveys that closed their request answered "fixed". Tokens are random values the
 * survey links name (lib/surveys/survey-link.ts): a link is signed when it is mailed.
 */
export async function seedSurveyRules(tx: Db, now: Date): Promise<{ events: number }> {
  const before = await countEvents(tx);
  const nowAt = now.toISOString();
  // Constants of ours, inlined: PGlite cannot type a parameter inside jsonb_build_object.
  const days = sql.raw(String(CAP_DAYS));
  const reminder = sql.raw(String(REMINDER_DAYS));
  await tx.execute(sql`update surveys set fixed = true where answered_at is not null and confirmed`);

  // Skipped by the cap: closed without an answer, the customer surveyed (another request) shortly before.
  await tx.execute(sql`
    with candidates as (
      select s.id as survey_id, s.ticket_id, s.sent_at, prior.sent_at as last_sent_at
      from surveys s
      join tickets t on t.id = s.ticket_id
      join customers c on c.id = t.customer_id
      join lateral (
        select s2.sent_at from surveys s2 join tickets t2 on t2.id = s2.ticket_id
        where t2.customer_id = t.customer_id and s2.ticket_id <> s.ticket_id
          and s2.sent_at < s.sent_at and s2.sent_at > s.sent_at - make_interval(days => ${days})
        order by s2.sent_at desc limit 1
      ) prior on true
      where s.answered_at is null and t.status = 'closed' and c.email <> 'customer@demo.test'
      order by t.number
      limit 6
    ),
    dropped_events as (
      delete from ticket_events e using candidates c
      where e.ticket_id = c.ticket_id and e.type = 'survey_sent'
      returning e.ticket_id
    ),
    skipped as (
      insert into ticket_events (ticket_id, actor_user_id, type, to_value, data, created_at)
      select c.ticket_id, null, 'survey_skipped', 'recently_surveyed',
        jsonb_build_object('reason', 'recently_surveyed', 'days', ${days},
          'lastSentAt', to_char(c.last_sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        c.sent_at
      from candidates c
      returning ticket_id
    )
    delete from surveys s using candidates c where s.id = c.survey_id`);

  // Answered "not fixed": requests the customer reopened after their first resolution. The survey
  // of that resolution reopened them; an answer is never sent again, so the later resolution sent none.
  await tx.execute(sql`
    with picked as (
      select s.id as survey_id, s.ticket_id, r.id as event_id, r.created_at as reopened_at, first.created_at as sent_at
      from surveys s
      join tickets t on t.id = s.ticket_id
      join customers c on c.id = t.customer_id
      join lateral (
        select e.id, e.created_at from ticket_events e
        where e.ticket_id = s.ticket_id and e.type = 'reopened'
        order by e.created_at limit 1
      ) r on true
      join lateral (
        select e.created_at from ticket_events e
        where e.ticket_id = s.ticket_id and e.type = 'resolved' and e.created_at < r.created_at
        order by e.created_at desc limit 1
      ) first on true
      where s.answered_at is null and t.reopen_count = 1 and c.email <> 'customer@demo.test'
      order by t.number
      limit 3
    ),
    answered as (
      update surveys s set sent_at = p.sent_at, answered_at = p.reopened_at, fixed = false, confirmed = false,
        csat = 2, nps = 4, comment = 'The same error came back the next morning.'
      from picked p where s.id = p.survey_id
      returning s.id
    ),
    named as (
      update ticket_events e set data = jsonb_build_object('via', 'survey', 'surveyId', p.survey_id)
      from picked p where e.id = p.event_id
      returning e.id
    ),
    resent as (
      delete from ticket_events e using picked p
      where e.ticket_id = p.ticket_id and e.type = 'survey_sent' and e.created_at > p.reopened_at
      returning e.id
    )
    insert into ticket_events (ticket_id, actor_user_id, type, data, created_at)
    select p.ticket_id, u.id, 'survey_answered', jsonb_build_object('csat', 2, 'nps', 4, 'fixed', false), p.reopened_at
    from picked p join tickets t on t.id = p.ticket_id left join users u on u.customer_id = t.customer_id`);

  // The one reminder, 3 days after sending, for every survey not answered by then.
  await tx.execute(sql`
    with reminded as (
      update surveys s set reminder_sent_at = s.sent_at + make_interval(days => ${reminder})
      where s.sent_at + make_interval(days => ${reminder}) <= ${nowAt}::timestamptz
        and (s.answered_at is null or s.answered_at > s.sent_at + make_interval(days => ${reminder}))
        and (s.answered_at is not null or exists (
          select 1 from tickets t where t.id = s.ticket_id and t.status in ('resolved', 'closed')))
      returning s.ticket_id, s.reminder_sent_at
    )
    insert into ticket_events (ticket_id, actor_user_id, type, created_at)
    select ticket_id, null, 'survey_reminded', reminder_sent_at from reminded`);
  return { events: (await countEvents(tx)) - before };
}

async function countEvents(tx: Db): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await tx.execute(sql`select count(*) as n from ticket_events`));
  return Number(row?.n ?? 0);
}
