import { CHASERS, REOPEN_LINES, SECOND_FIX, SURVEY_COMMENTS } from '../templates';
import { M, T, type TicketModel } from './model';
import { lit, pick, rnd, textArray, textMatrix, timestamp, weighted } from './sql';
import { AGENT_LINES, CUSTOMER_LINES, RARE_LINES } from './words';

/** Share of messages that carry one of the rare words: about one in ten thousand. */
const RARE_SHARE = 0.0001;

/** Bulk tickets numbered `lo..hi`, with the facts every thread statement recomputes from the number. */
function ticketsOf(lo: number, hi: number, model: TicketModel, now: Date): string {
  const v = model.variant('t.number');
  return `
select t.*, c.name AS customer_name, split_part(c.name, ' ', 1) AS first_name, coalesce(c.email, c.phone) AS customer_contact,
       ${model.worker('t.number', model.teamIndex(v))} AS worker, ${model.workerFirstName('t.number', model.teamIndex(v))} AS worker_first,
       ${v} AS v, t.status IN ('resolved', 'closed') AS finished, ${model.messageCount('t.number', 't.status')} AS m,
       ${timestamp(now)} AS seed_now
from tickets t join customers c on c.id = t.customer_id
where t.number between ${lo} and ${hi}`;
}

/**
 * Messages of tickets `lo..hi`: the acknowledgement, then agent and customer turns taken from the
 * ticket's issue script (question, answer, update, resolution), an internal note on some, a
 * skewed-vocabulary sentence on half of them and a rare word on a very few. The number of public
 * agent replies and the first one's time match what the ticket row says.
 */
export function insertMessagesSql(lo: number, hi: number, model: TicketModel, now: Date): string {
  const key = 't.number::bigint * 64 + j';
  const fill = (text: string) => model.fill(text, 't.number', 't.created_at');
  const at = model.messageAt('j', 't.m', 't.created_at', 't.resolved_at', 't.finished', 't.seed_now');
  const line = (list: readonly string[]) => pick(textArray(list), list.length, rnd(key, M.line));
  const rare = `(CASE WHEN ${rnd(key, M.rare)} < ${RARE_SHARE} THEN ' ' || ${pick(textArray(RARE_LINES), RARE_LINES.length, rnd(key, M.rarePick))} ELSE '' END)`;
  const extra = model.extraSentence(key, [M.extra, M.extraA, M.extraB], 0.5);
  const agentSays = `CASE WHEN t.finished AND j = t.m THEN (CASE WHEN t.reopen_count > 0 THEN ${lit(SECOND_FIX)} ELSE ${fill(model.script('resolution', 't.v'))} END)
                          WHEN j = 2 THEN ${fill(model.script('question', 't.v'))}
                          WHEN j = 4 THEN ${fill(model.script('update', 't.v'))}
                          ELSE ${line(AGENT_LINES)} END || ${extra} || ${rare}`;
  const customerSays = `CASE WHEN j = 3 THEN ${fill(model.script('answer', 't.v'))}
                             WHEN t.reopen_count > 0 AND j = t.m - 1 THEN ${line(REOPEN_LINES)}
                             WHEN t.status = 'new' THEN ${line(CHASERS)}
                             ELSE ${line(CUSTOMER_LINES)} END || ${extra} || ${rare}`;
  const acknowledgement = `'Thank you, ' || t.customer_name || '. We have received your request #' || t.number || ' ("' || t.subject || '") and will get back to you soon. Quote #' || t.number || ' whenever you contact us about it.'`;
  return `
insert into messages (ticket_id, author_kind, author_user_id, author_customer_id, body, visibility, channel, created_at)
select t.id, x.kind::author_kind,
       CASE WHEN x.kind = 'agent' THEN coalesce(t.assignee_id, t.worker) END,
       CASE WHEN x.kind = 'customer' THEN t.customer_id END,
       CASE WHEN j = 1 THEN ${acknowledgement}
            WHEN x.internal THEN ${fill(model.script('note', 't.v'))}
            WHEN x.kind = 'customer' THEN ${customerSays}
            WHEN t.channel IN ('chat', 'social') THEN 'Hi ' || t.first_name || '! ' || ${agentSays}
            ELSE 'Hi ' || t.first_name || E',\\n\\n' || ${agentSays} || E'\\n\\nBest wishes,\\n' || t.worker_first || E'\\nCustomer Support' END,
       (CASE WHEN x.internal THEN 'internal' ELSE 'public' END)::visibility,
       (CASE WHEN j = 1 THEN (CASE WHEN t.channel = 'web' THEN 'web' ELSE 'email' END)
             WHEN x.internal THEN 'web'
             WHEN x.kind = 'customer' THEN (CASE WHEN t.channel = 'api' THEN 'email' ELSE t.channel::text END)
             WHEN t.channel IN ('phone', 'chat', 'social') THEN t.channel::text ELSE 'email' END)::channel,
       ${at}
from (${ticketsOf(lo, hi, model, now)} offset 0) t0
cross join lateral (select t0.*, ${model.hasNote('t0.number', 't0.m')} AS note) t
cross join lateral generate_series(1, t.m) j
cross join lateral (
  select CASE WHEN j = 1 THEN 'system' WHEN t.status = 'new' THEN 'customer' WHEN t.finished AND j = t.m THEN 'agent'
              WHEN t.note AND j = t.m - 1 THEN 'agent' WHEN j % 2 = 0 THEN 'agent' ELSE 'customer' END AS kind,
         t.note AND j = t.m - 1 AND NOT (t.finished AND j = t.m) AS internal
) x
order by t.number, j`;
}

/**
 * History of tickets `lo..hi`: created, acknowledged, taken (`opened`), identified, exception raised
 * (with its CERN), resolved and closed — about six a ticket, so cycle time per stage (lib/metrics/
 * stage-spans.ts) has every stage to measure at volume.
 */
export function insertEventsSql(lo: number, hi: number, model: TicketModel, now: Date): string {
  const loggedBy = `CASE WHEN t.channel IN ('phone', 'chat', 'social') THEN t.worker END`;
  const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `
insert into ticket_events (ticket_id, actor_user_id, type, from_value, to_value, data, created_at)
select t.id, e.actor, e.type, e.from_value, e.to_value, e.data, e.at
from (${ticketsOf(lo, hi, model, now)} offset 0) t
cross join lateral (values
  ('created', ${loggedBy}, NULL, t.channel::text, jsonb_build_object('subject', t.subject), t.created_at, true),
  ('acknowledged', ${loggedBy}, NULL, t.customer_contact, NULL::jsonb, t.created_at, true),
  ('exception_raised', coalesce(t.assignee_id, t.worker), NULL, t.cern,
   jsonb_build_object('incidentAt', ${iso('t.incident_at')}, 'teamId', t.team_id, 'assigneeId', t.assignee_id), t.exception_raised_at, t.cern IS NOT NULL),
  ('opened', coalesce(t.assignee_id, t.worker), 'inquiry', 'identification', NULL::jsonb,
   t.created_at + (coalesce(t.resolved_at, t.seed_now) - t.created_at) * 0.08, t.stage <> 'inquiry'),
  ('identified', coalesce(t.assignee_id, t.worker), 'identification', 'resolution',
   jsonb_build_object('categoryId', t.category_id, 'fromCategoryId', NULL, 'priority', t.priority),
   t.created_at + (coalesce(t.resolved_at, t.seed_now) - t.created_at) * 0.25, t.stage IN ('resolution', 'follow_up')),
  ('resolved', coalesce(t.assignee_id, t.worker), 'resolution', 'follow_up', jsonb_build_object('summary', t.resolution_summary), t.resolved_at, t.resolved_at IS NOT NULL),
  ('status_changed', coalesce(t.assignee_id, t.worker), 'resolved', 'closed', jsonb_build_object('stage', 'follow_up'), t.closed_at, t.status = 'closed')
) e(type, actor, from_value, to_value, data, at, keep)
where e.keep
order by e.at`;
}

/**
 * One survey per resolved ticket, sent when it was resolved. Customers who confirmed by answering
 * it closed their ticket then; reopened tickets score lower.
 */
export function insertSurveysSql(lo: number, hi: number, model: TicketModel, now: Date): string {
  const r = (salt: number) => rnd('t.number', salt);
  const csat = `CASE WHEN t.reopen_count > 0 THEN ${weighted(r(T.csat), [
    [5, 15],
    [4, 25],
    [3, 25],
    [2, 20],
    [1, 15],
  ])}
                     ELSE ${weighted(r(T.csat), [
                       [5, 48],
                       [4, 28],
                       [3, 11],
                       [2, 7],
                       [1, 6],
                     ])} END`;
  const comments = [1, 2, 3, 4, 5].map((score) => SURVEY_COMMENTS[score] ?? ['']);
  const width = Math.max(...comments.map((c) => c.length));
  const commentMatrix = textMatrix(comments.map((c) => Array.from({ length: width }, (_, i) => c[i % c.length] ?? '')));
  const commentCounts = `ARRAY[${comments.map((c) => c.length).join(',')}]::int[]`;
  return `
insert into surveys (ticket_id, token, sent_at, csat, nps, confirmed, comment, answered_at)
select t.id, 'bulk-' || t.number || '-' || substr(md5('survey-' || t.number), 1, 16), t.resolved_at,
       CASE WHEN t.answered THEN t.csat END,
       CASE WHEN t.answered THEN greatest(0, least(10, (ARRAY[2, 4, 6, 8, 9])[t.csat]
            + CASE WHEN t.csat >= 4 THEN -1 + floor(${r(T.nps)} * 3)::int ELSE -2 + floor(${r(T.nps)} * 4)::int END)) END,
       CASE WHEN t.answered OR (t.status = 'closed' AND t.path = 'confirm') THEN true END,
       CASE WHEN t.answered AND ${r(T.comment)} < 0.45 THEN (${commentMatrix})[t.csat][1 + floor(${r(T.commentPick)} * (${commentCounts})[t.csat])::int] END,
       CASE WHEN t.answered THEN t.closed_at END
from (
  select t.*, ${csat} AS csat, t.status = 'closed' AND t.path = 'answer' AS answered
  from (select t.id, t.number, t.status, t.resolved_at, t.closed_at, t.reopen_count, ${model.followUpPath('t.number')} AS path
        from tickets t where t.number between ${lo} and ${hi} and t.status IN ('resolved', 'closed') offset 0) t
  offset 0
) t
order by t.number`;
}
