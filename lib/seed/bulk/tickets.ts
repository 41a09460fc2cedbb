import { PRIORITY_MATRIX, type Severity } from '@/lib/priority/priority';
import { SLA_TARGETS } from '@/lib/sla/targets';
import { OVERRIDE_REASONS } from '../templates';
import type { Catalog } from './catalog';
import { customerId } from './customers';
import type { TicketModel } from './model';
import { T } from './model';
import { hours, intArray, normal, pick, rnd, textArray, timestamp, uuidArray, uuidOf, weighted } from './sql';
import { SUBJECT_FRAMES, VOCABULARY } from './words';

export interface TicketPlan {
  /** Number of the first bulk ticket; the bulk tickets are numbered in order of creation. */
  firstNumber: number;
  /** How many bulk tickets in all (the batch is a slice of them). */
  total: number;
  customers: number;
  now: Date;
  /** Tickets are spread over this many days before `now`, a little busier lately. */
  days: number;
}

export const ticketId = (n: string): string => uuidOf(n, 300);

const PRIORITIES = [1, 2, 3, 4] as const;
const SEVERITIES: Severity[] = [1, 2, 3, 4];
/** Median hours from creation to resolution per priority; the spread around it is log-normal. */
const RESOLVE_MEDIAN_HOURS = [4, 10, 24, 40];
/** Share of identified tickets raised as exceptions, per severity: about 10% overall. */
const EXCEPTION_SHARE = [0.45, 0.22, 0.065, 0.02];

/** Hours into the day for a position `f` in [0, 1) of the day's tickets: quiet nights, busy office hours. */
const hourOfDay = (f: string) =>
  `(CASE WHEN ${f} < 0.06 THEN ${f} / 0.06 * 7 WHEN ${f} < 0.9 THEN 7 + (${f} - 0.06) / 0.84 * 12 ELSE 19 + (${f} - 0.9) / 0.1 * 5 END)`;

export interface TicketStatements {
  /** Exceptions among tickets `lo..hi` and when each was raised, in microseconds since 1970: `(n, us)`. */
  exceptions(lo: number, hi: number): string;
  /** Inserts tickets `lo..hi` (1-based within the bulk set) in one statement, with the CERNs given by number. */
  insert(lo: number, hi: number, cerns: readonly (readonly [number: number, cern: string])[]): string;
}

/**
 * Statements over bulk tickets `lo..hi`. Each level of the nested SELECT derives the next facts
 * from the previous ones: when it was created, what it is about, whether it is still open, who
 * works it, how many messages it has, whether and when it was raised as an exception.
 */
export function ticketStatements(plan: TicketPlan, catalog: Catalog, model: TicketModel): TicketStatements {
  const { firstNumber, total, customers, now, days } = plan;
  const nowSql = timestamp(now);
  const start = `(${nowSql} - interval '${days} days')`;
  const matrix = intArray(
    SEVERITIES.flatMap((s) => [PRIORITY_MATRIX[s].many, PRIORITY_MATRIX[s].several, PRIORITY_MATRIX[s].single]),
  );
  const firstResponseHours = intArray(PRIORITIES.map((p) => SLA_TARGETS[p].firstResponseHours));
  const resolutionHours = intArray(PRIORITIES.map((p) => SLA_TARGETS[p].resolutionHours));
  const categoryIds = uuidArray(catalog.categories.map((c) => c.id));
  const teamIds = uuidArray(catalog.teams.map((t) => t.id));
  const r = (salt: number) => rnd('n', salt);
  const fill = (text: string) => model.fill(text, 'n', 'created_at');
  const at = (j: string) => model.messageAt(j, 'm', 'created_at', 'resolve_at', 'finished', nowSql);
  const frameSubject = `replace(${pick(textArray(SUBJECT_FRAMES), SUBJECT_FRAMES.length, r(T.subject + 100))}, '{a}', ${pick(textArray(VOCABULARY), 60, r(T.subjectWord))})`;
  const reasons = (list: readonly string[]) => pick(textArray(list), list.length, r(T.reason));
  const closeAfter = `CASE path WHEN 'answer' THEN least(18 * exp(0.6 * ${normal(r(T.followA), r(T.followB))}), 156)
                               WHEN 'confirm' THEN 8 * exp(0.6 * ${normal(r(T.followA), r(T.followB))})
                               ELSE 168 + (5 + 85 * ${r(T.followA)}) / 60 END`;
  // Each level derives facts from the one below; OFFSET 0 keeps the levels apart, so each fact is computed once per row.
  const levels: string[] = [
    `select i, ${firstNumber} + i - 1 AS n, (-1 + sqrt(1 + 3 * ((i - 0.5) / ${total}))) * ${days} AS day_position from generate_series($lo, $hi) i`,
    `i, n, ${model.variant('n')} AS v, (${total} - i)::float8 / ${total} AS age_share,
     ${start} + floor(day_position) * interval '1 day' + ${hours(hourOfDay('(day_position - floor(day_position))'))} AS created_at`,
    `*, ${model.categoryIndex('v')} AS category, ${model.teamIndex('v')} AS team,
     ${weighted(r(T.severity), [
       [1, 5],
       [2, 18],
       [3, 50],
       [4, 27],
     ])} AS severity,
     ${weighted(r(T.impact), [
       ["'single'", 72],
       ["'several'", 20],
       ["'many'", 8],
     ])} AS impact,
     ${weighted(r(T.channel), [
       ["'email'", 33],
       ["'web'", 30],
       ["'phone'", 15],
       ["'chat'", 12],
       ["'social'", 6],
       ["'api'", 4],
     ])} AS channel,
     ${model.followUpPath('n')} AS path, ${r(T.override)} < 0.04 AS overridden`,
    `*, ${model.worker('n', 'team')} AS worker,
     (${matrix})[(severity - 1) * 3 + CASE impact WHEN 'many' THEN 1 WHEN 'several' THEN 2 ELSE 3 END] AS matrix_priority,
     (channel = 'web' AND ${r(T.known)} < 0.7) OR (channel = 'api' AND ${r(T.known)} < 0.5) AS known`,
    `*, CASE WHEN NOT overridden THEN matrix_priority
             WHEN matrix_priority = 1 OR (matrix_priority < 4 AND ${r(T.overrideDir)} < 0.3) THEN matrix_priority + 1
             ELSE matrix_priority - 1 END AS final_priority,
     ${r(T.exception)} < (ARRAY[${EXCEPTION_SHARE.join(',')}]::float8[])[severity] AS exception_draw`,
    `*, created_at + ${hours(`(${intArray(RESOLVE_MEDIAN_HOURS)})[final_priority] * exp(1.1 * ${normal(r(T.resolveA), r(T.resolveB))})`)} AS resolve_at`,
    `*, resolve_at + ${hours(closeAfter)} AS close_at,
     (${r(T.active)} < 0.9 * exp(-age_share / 0.045) OR ${r(T.active)} > 0.998 OR resolve_at >= ${nowSql}) AS active,
     0.6 * exp(-extract(epoch from ${nowSql} - created_at) / 86400 / 3) + 0.03 AS new_share`,
    `*, CASE WHEN active THEN
               CASE WHEN ${r(T.activeStatus)} < new_share THEN 'new'
                    WHEN (${r(T.activeStatus)} - new_share) / (1 - new_share) < 0.55 THEN 'open'
                    WHEN (${r(T.activeStatus)} - new_share) / (1 - new_share) < 0.8 THEN 'pending'
                    ELSE 'on_hold' END
             WHEN close_at >= ${nowSql} THEN 'resolved' ELSE 'closed' END AS status`,
    `*, CASE WHEN status = 'new' THEN 'inquiry' WHEN status IN ('resolved', 'closed') THEN 'follow_up'
             WHEN ${r(T.stage)} < (CASE status WHEN 'open' THEN 0.82 WHEN 'pending' THEN 0.75 ELSE 0.85 END) THEN 'resolution'
             ELSE 'identification' END AS stage`,
    `*, stage IN ('resolution', 'follow_up') AS identified, status IN ('resolved', 'closed') AS finished, ${model.messageCount('n', 'status')} AS m`,
    `*, ${model.hasNote('n', 'm')} AS note, ${model.reopened('n', 'finished', 'm')} AS reopened,
     CASE WHEN identified THEN final_priority ELSE 3 END AS priority, exception_draw AND identified AS exception`,
    `*, CASE WHEN status = 'new' THEN 0
             WHEN finished THEN (m - 1) / 2 + 1 - (note AND (m - 1) % 2 = 0)::int
             ELSE m / 2 - (note AND (m - 1) % 2 = 0)::int END AS public_replies,
     CASE WHEN exception THEN created_at + (CASE WHEN finished THEN resolve_at ELSE ${nowSql} END - created_at) * 0.2 * ${r(T.raise)} END AS raised_at`,
  ];
  const nested = levels
    .slice(1)
    .reduce((inner, columns, k) => `select ${columns} from (${inner} offset 0) l${k}`, levels[0] ?? '');
  const facts = (lo: number, hi: number) => nested.replace('$lo', String(lo)).replace('$hi', String(hi));

  const exceptions = (lo: number, hi: number) =>
    `select n, (extract(epoch from raised_at) * 1000000)::bigint::text AS us from (${facts(lo, hi)} offset 0) t where raised_at is not null`;

  const insert = (lo: number, hi: number, cerns: readonly (readonly [number, string])[]) => `
insert into tickets (id, number, cern, subject, description, channel, stage, status, category_id, severity, impact, priority,
  priority_override_reason, customer_id, team_id, assignee_id, incident_at, acknowledged_at, first_response_at,
  first_response_due_at, resolution_due_at, sla_paused_at, resolved_at, closed_at, exception_details, exception_raised_at,
  resolution_summary, public_reply_count, reopen_count, version, created_at, updated_at)
select ${ticketId('n')}, n, c.cern,
       CASE WHEN ${r(T.subject)} < 0.75 THEN ${fill(model.script('subject', 'v'))}
            WHEN ${r(T.subject)} < 0.85 THEN ${fill(`${model.script('subject', 'v')} || ' ({order})'`)}
            WHEN ${r(T.subject)} < 0.9 THEN 'Re: ' || ${fill(model.script('subject', 'v'))}
            ELSE upper(left(${frameSubject}, 1)) || substr(${frameSubject}, 2) END,
       ${fill(model.script('description', 'v'))} || ${model.extraSentence('n', [T.extra, T.extraA, T.extraB], 0.5)},
       channel::channel, stage::stage, status::status,
       CASE WHEN identified OR known THEN (${categoryIds})[category] END,
       CASE WHEN identified THEN severity END,
       CASE WHEN identified THEN impact::impact END,
       priority,
       CASE WHEN identified AND overridden THEN (CASE WHEN final_priority > matrix_priority THEN ${reasons(OVERRIDE_REASONS.lower)} ELSE ${reasons(OVERRIDE_REASONS.raise)} END) END,
       ${customerId(`floor(${customers} * power(${r(T.customer)}, 1.6))::int`)},
       CASE WHEN identified OR known THEN (${teamIds})[team] END,
       CASE WHEN status = 'new' THEN NULL WHEN ${r(T.assignee)} < (CASE WHEN identified THEN 0.03 ELSE 0.08 END) THEN NULL ELSE worker END,
       CASE WHEN exception THEN created_at - ${hours(`5 * exp(0.6 * ${normal(r(T.incident), r(T.raise))})`)} END,
       created_at,
       CASE WHEN public_replies > 0 THEN ${at('2')} END,
       created_at + ${hours(`(${firstResponseHours})[priority]`)},
       created_at + ${hours(`(${resolutionHours})[priority]`)},
       CASE WHEN status = 'pending' THEN ${at('m')} END,
       CASE WHEN finished THEN resolve_at END,
       CASE WHEN status = 'closed' THEN close_at END,
       CASE WHEN exception THEN ${fill(model.script('exception', 'v'))} END,
       raised_at,
       CASE WHEN finished THEN ${fill(model.script('summary', 'v'))} || CASE WHEN reopened THEN ' Reopened once; a second cause was fixed.' ELSE '' END END,
       public_replies, reopened::int, m + 2, created_at,
       CASE WHEN status = 'closed' THEN close_at WHEN finished THEN resolve_at ELSE ${at('m')} END
from (${facts(lo, hi)} offset 0) t
left join (select unnest(${intArray(cerns.map(([n]) => n))}) AS cn, unnest(${textArray(cerns.map(([, cern]) => cern))}) AS cern) c on c.cn = t.n
order by n`;

  return { exceptions, insert };
}
