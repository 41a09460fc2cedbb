import type { messages, surveys, ticketEvents, tickets, Channel, Impact } from '@/db/schema';
import { transition, type PipelineAction, type TicketState } from '@/lib/tickets/transitions';
import { priorityFor, type Priority, type Severity } from '@/lib/priority/priority';
import { slaClockChange, slaDueTimes, slaRecompute } from '@/lib/sla/targets';
import { DEFAULT_SLA_CONTEXT, targetsOf } from '@/lib/sla/policies';
import type { SeedCategory, SeedCustomer, StaffRef } from './people';
import type { Random } from './random';
import {
  CHASERS,
  fill,
  NO_ANSWER,
  NO_ANSWER_SUMMARY,
  REOPEN_LINES,
  SECOND_ANSWER,
  SECOND_FIX,
  SECOND_QUESTION,
  SURVEY_COMMENTS,
  type IssueScript,
} from './templates';

const MINUTE = 60_000;
export const FOLLOW_UP_DAYS = 7;

export type Step =
  | { kind: 'open'; byRule?: boolean }
  | { kind: 'identify' }
  | { kind: 'exception' }
  | { kind: 'reply'; tone: 'question' | 'update' | 'resolution' | 'no_answer' }
  | { kind: 'note' }
  | { kind: 'wait' }
  | { kind: 'hold' }
  | { kind: 'resume' }
  | { kind: 'customer' }
  | { kind: 'resolve' }
  | { kind: 'reopen' }
  | { kind: 'answer'; csat?: number }
  | { kind: 'confirm' }
  | { kind: 'auto_close' };
/** A step of a ticket's life and how many minutes after the previous one it happens. */
export type TimedStep = Step & { after: number };

export interface TicketSpec {
  number: number;
  createdAt: Date;
  channel: Channel;
  customer: SeedCustomer;
  category: SeedCategory;
  /** Chosen by the customer on the form (portal/API), so the team is known from the start. */
  categoryKnown: boolean;
  issue: IssueScript;
  /** Instead of the issue's own subject and description. */
  subject?: string;
  description?: string;
  severity: Severity;
  impact: Impact;
  override?: { priority: Priority; reason: string };
  /** The team member who works the ticket; the assignee unless a routing rule opened it. */
  worker: StaffRef;
  plan: TimedStep[];
  /** Scripted tickets must play out completely before `now`. */
  mustFinish?: boolean;
  /** Agents start work only when staffed (see SHIFTS), so nights leave a queue. */
  officeHours?: boolean;
}

export type TicketRow = typeof tickets.$inferInsert & { id: string; number: number };
export type MessageRow = typeof messages.$inferInsert;
export type EventRow = typeof ticketEvents.$inferInsert;
export type SurveyRow = typeof surveys.$inferInsert;

export interface Story {
  ticket: TicketRow;
  messages: MessageRow[];
  events: EventRow[];
  survey: SurveyRow | null;
  /** Filled with the CERN once every exception is numbered in order of raising. */
  exceptionEvent: EventRow | null;
}

const AGENT_STARTS: ReadonlySet<Step['kind']> = new Set(['open', 'identify', 'reply', 'note', 'resume']);

/** Support is staffed 07:00–22:00 UTC on weekdays and 09:00–17:00 at weekends. */
const SHIFTS = (day: number): readonly [start: number, end: number] => (day % 6 === 0 ? [9, 17] : [7, 22]);

/** `at`, or the start of the next shift (plus a little) when no agent is in. */
function inOfficeHours(rng: Random, at: Date): Date {
  const [start, end] = SHIFTS(at.getUTCDay());
  const hour = at.getUTCHours();
  if (hour >= start && hour < end) return at;
  const next = new Date(at);
  if (hour >= end) next.setUTCDate(next.getUTCDate() + 1);
  next.setUTCHours(SHIFTS(next.getUTCDay())[0], rng.int(0, 60), 0, 0);
  return next;
}

const signOff = (channel: Channel, first: string, body: string, agent: string) =>
  channel === 'chat' || channel === 'social'
    ? `Hi ${first}! ${body}`
    : `Hi ${first},\n\n${body}\n\nBest wishes,\n${agent}\nCustomer Support`;

/** Plays a ticket's plan forward from its creation, stopping at `now`; every step goes through the pipeline rules. */
export function tellStory(rng: Random, spec: TicketSpec, now: Date, vars: Record<string, string>): Story {
  const { customer, category, worker, channel, issue } = spec;
  const ref = `#${spec.number}`;
  const text = (template: string) => fill(template, { ...vars, ref, first: customer.firstName });
  const subject = text(spec.subject ?? issue.subject);
  const agentFirst = worker.name.split(' ')[0] ?? worker.name;
  const inbound: Channel = channel === 'api' ? 'email' : channel;
  const outbound: Channel = channel === 'phone' || channel === 'chat' || channel === 'social' ? channel : 'email';
  let at = spec.createdAt;
  let state: TicketState = { stage: 'inquiry', status: 'new' };
  const ticketId = rng.uuid();
  const t: TicketRow = {
    id: ticketId,
    number: spec.number,
    cern: null,
    subject,
    description: text(spec.description ?? issue.description),
    channel,
    stage: 'inquiry',
    status: 'new',
    categoryId: spec.categoryKnown ? category.id : null,
    severity: null,
    impact: null,
    priority: 3,
    priorityOverrideReason: null,
    customerId: customer.id,
    teamId: spec.categoryKnown ? category.teamId : null,
    assigneeId: null,
    incidentAt: null,
    acknowledgedAt: at,
    firstResponseAt: null,
    ...slaDueTimes(at, targetsOf(DEFAULT_SLA_CONTEXT, null, 3)),
    slaPausedAt: null,
    slaPausedMs: 0,
    resolvedAt: null,
    closedAt: null,
    exceptionDetails: null,
    exceptionRaisedAt: null,
    resolutionSummary: null,
    publicReplyCount: 0,
    reopenCount: 0,
    followUpOfId: null,
    idempotencyKey: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const story: Story = { ticket: t, messages: [], events: [], survey: null, exceptionEvent: null };
  const event = (type: string, actor: string | null, extra: Partial<EventRow> = {}) => {
    const row: EventRow = {
      ticketId,
      actorUserId: actor,
      type,
      fromValue: null,
      toValue: null,
      data: null,
      createdAt: at,
      ...extra,
    };
    story.events.push(row);
    return row;
  };
  const message = (row: Omit<MessageRow, 'ticketId' | 'createdAt' | 'id'>) => {
    const id = rng.uuid();
    story.messages.push({ id, ticketId, createdAt: at, ...row });
    return id;
  };
  const move = (action: PipelineAction, actor: string | null, data?: Record<string, unknown>) => {
    const result = transition(state, action);
    if (!result.ok) throw new Error(`seed ticket ${ref}: ${result.message}`);
    const before = state;
    state = result.next;
    // The save path's SLA clock (paused while pending), so seeded pending periods count as in the app.
    if (before.status !== state.status)
      Object.assign(t, slaClockChange({ ...clock(), status: before.status }, state.status, at));
    t.stage = state.stage;
    t.status = state.status;
    if (before.status !== state.status)
      event('status_changed', actor, {
        fromValue: before.status,
        toValue: state.status,
        data: { stage: state.stage, ...data },
      });
  };
  const clock = () => ({
    status: state.status,
    createdAt: spec.createdAt,
    slaPausedAt: t.slaPausedAt ?? null,
    slaPausedMs: t.slaPausedMs ?? 0,
    slaPausedBusinessMs: t.slaPausedBusinessMs ?? 0,
    slaPolicyId: t.slaPolicyId ?? null,
    firstResponseWarnAt: t.firstResponseWarnAt ?? null,
    resolutionWarnAt: t.resolutionWarnAt ?? null,
    firstResponseWarnedAt: null,
    resolutionWarnedAt: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
    firstResponseAt: t.firstResponseAt ?? null,
    firstResponseDueAt: t.firstResponseDueAt ?? null,
    resolutionDueAt: t.resolutionDueAt ?? null,
    resolvedAt: t.resolvedAt ?? null,
  });
  const loggedBy = channel === 'phone' || channel === 'chat' || channel === 'social' ? worker.id : null;
  const ack = `Thank you, ${customer.name}. We have received your request ${ref} ("${subject}") and will get back to you soon. Quote ${ref} whenever you contact us about it.`;
  message({ authorKind: 'system', body: ack, visibility: 'public', channel: channel === 'web' ? 'web' : 'email' });
  event('created', loggedBy, { toValue: channel, data: { subject } });
  event('acknowledged', loggedBy, { toValue: customer.email });

  // Where the conversation is, so each message answers the one before it.
  let asked: 'issue' | 'second' | null = null;
  let askedIssueQuestion = false;
  let notes = 0;
  let summary: string | null = null;
  for (const step of spec.plan) {
    let next = new Date(at.getTime() + Math.round(step.after * MINUTE));
    if (spec.officeHours && AGENT_STARTS.has(step.kind)) next = inOfficeHours(rng, next);
    if (next.getTime() >= now.getTime()) {
      if (spec.mustFinish) throw new Error(`seed ticket ${ref}: scripted step ${step.kind} falls after now`);
      break;
    }
    at = next;
    t.version = (t.version ?? 1) + 1;
    t.updatedAt = at;
    const agent = worker.id;
    switch (step.kind) {
      case 'open': {
        const actor = step.byRule ? null : agent;
        event('opened', actor, { fromValue: 'inquiry', toValue: 'identification' });
        if (!step.byRule) {
          t.assigneeId = agent;
          event('assigned', actor, { toValue: agent });
        }
        move('open', actor);
        break;
      }
      case 'identify': {
        const matrix = priorityFor(spec.severity, spec.impact);
        const priority = spec.override?.priority ?? matrix;
        const actor = t.assigneeId ? agent : null;
        const fromCategoryId = t.categoryId ?? null;
        // The save path's priority rule: due times from creation for the new priority, pauses included
        // (round the clock here; lib/seed/sla.ts recomputes them under the demo's policies).
        Object.assign(
          t,
          {
            categoryId: category.id,
            severity: spec.severity,
            impact: spec.impact,
            priority,
            priorityOverrideReason: spec.override?.reason ?? null,
          },
          slaRecompute(clock(), targetsOf(DEFAULT_SLA_CONTEXT, null, priority), at),
        );
        event('identified', actor, {
          fromValue: state.stage,
          toValue: 'resolution',
          data: {
            category: category.script.name,
            categoryId: category.id, // as identification writes it (lib/metrics/stage-attribution.ts)
            fromCategoryId,
            severity: spec.severity,
            impact: spec.impact,
            priority,
            matrixPriority: matrix,
          },
        });
        if (spec.override)
          event('priority_overridden', actor, {
            fromValue: String(matrix),
            toValue: String(priority),
            data: { reason: spec.override.reason },
          });
        if (t.teamId !== category.teamId)
          event('assigned', actor, { fromValue: t.teamId ?? null, toValue: category.teamId, data: { field: 'team' } });
        t.teamId = category.teamId;
        move('identify', actor);
        break;
      }
      case 'exception': {
        t.incidentAt = new Date(spec.createdAt.getTime() - Math.round(rng.skewed(5 * 60)) * MINUTE);
        t.exceptionDetails = text(issue.exception);
        t.exceptionRaisedAt = at;
        story.exceptionEvent = event('exception_raised', agent, {
          data: { incidentAt: t.incidentAt.toISOString(), teamId: t.teamId, assigneeId: t.assigneeId },
        });
        break;
      }
      case 'reply': {
        let body: string;
        if (step.tone === 'question') {
          body = askedIssueQuestion ? SECOND_QUESTION : issue.question;
          asked = askedIssueQuestion ? 'second' : 'issue';
          askedIssueQuestion = true;
        } else if (step.tone === 'update') body = issue.update;
        else if (step.tone === 'no_answer') body = NO_ANSWER;
        else body = (t.reopenCount ?? 0) > 0 ? SECOND_FIX : issue.resolution;
        body = text(body);
        const id = message({
          authorKind: 'agent',
          authorUserId: agent,
          body: signOff(channel, customer.firstName, body, agentFirst),
          visibility: 'public',
          channel: outbound,
        });
        t.publicReplyCount = (t.publicReplyCount ?? 0) + 1;
        t.firstResponseAt ??= at;
        event('replied', agent, { toValue: 'public', data: { messageId: id } });
        move('agent_reply', agent);
        if (step.tone === 'no_answer') summary = NO_ANSWER_SUMMARY;
        else if (step.tone === 'resolution')
          summary = text(
            (t.reopenCount ?? 0) > 0 ? `${issue.summary} Reopened once; a second cause was fixed.` : issue.summary,
          );
        break;
      }
      case 'note': {
        const body = notes++ === 0 ? text(issue.note) : 'Customer has replied; carrying on as planned.';
        const id = message({ authorKind: 'agent', authorUserId: agent, body, visibility: 'internal', channel: 'web' });
        event('noted', agent, { toValue: 'internal', data: { messageId: id } });
        move('note', agent);
        break;
      }
      case 'wait':
        move('wait_on_customer', agent);
        break;
      case 'hold':
        move('hold', agent, { reason: 'Waiting on a third party' });
        break;
      case 'resume':
        move('resume', agent);
        break;
      case 'customer':
      case 'reopen': {
        const reopening = step.kind === 'reopen';
        const body = reopening
          ? rng.pick(REOPEN_LINES)
          : asked === 'issue'
            ? text(issue.answer)
            : asked === 'second'
              ? SECOND_ANSWER
              : rng.pick(CHASERS);
        asked = null;
        message({
          authorKind: 'customer',
          authorCustomerId: customer.id,
          body,
          visibility: 'public',
          channel: inbound,
        });
        event('replied', customer.userId, { toValue: 'public', data: { by: 'customer' } });
        if (reopening) {
          if (state.status !== 'resolved') throw new Error(`seed ticket ${ref}: reopen on ${state.status}`);
          t.reopenCount = (t.reopenCount ?? 0) + 1;
          event('reopened', customer.userId, { fromValue: state.stage, toValue: 'resolution' });
        }
        // The clock resumes from the resolution (slaClockChange reads resolvedAt), then it is cleared.
        move('customer_reply', customer.userId);
        if (reopening) t.resolvedAt = null;
        break;
      }
      case 'resolve': {
        t.resolutionSummary = summary ?? text(issue.summary);
        t.resolvedAt = at;
        event('resolved', agent, {
          fromValue: state.stage,
          toValue: 'follow_up',
          data: { summary: t.resolutionSummary },
        });
        move('resolve', agent);
        event('survey_sent', agent);
        story.survey = {
          id: rng.uuid(),
          ticketId,
          token: `seed-${spec.number}-${rng.hex(16)}`,
          sentAt: at,
          csat: null,
          nps: null,
          confirmed: null,
          comment: null,
          answeredAt: null,
        };
        break;
      }
      case 'answer': {
        const reopened = (t.reopenCount ?? 0) > 0;
        const csat =
          step.csat ??
          rng.weighted<number>(
            reopened
              ? [
                  [5, 15],
                  [4, 25],
                  [3, 25],
                  [2, 20],
                  [1, 15],
                ]
              : [
                  [5, 48],
                  [4, 28],
                  [3, 11],
                  [2, 7],
                  [1, 6],
                ],
          );
        const nps = Math.min(
          10,
          Math.max(0, { 5: 9, 4: 8, 3: 6, 2: 4, 1: 2 }[csat as 1 | 2 | 3 | 4 | 5] + rng.int(csat >= 4 ? -1 : -2, 1)),
        );
        const comment = rng.chance(0.45) ? rng.pick(SURVEY_COMMENTS[csat] ?? ['']) : null;
        if (!story.survey) throw new Error(`seed ticket ${ref}: survey answered before it was sent`);
        Object.assign(story.survey, { csat, nps, comment, answeredAt: at, confirmed: true });
        event('survey_answered', customer.userId, { data: { csat, nps } });
        event('confirmed', customer.userId);
        move('confirm', customer.userId);
        t.closedAt = at;
        break;
      }
      case 'confirm':
        if (story.survey) story.survey.confirmed = true;
        event('confirmed', customer.userId);
        move('confirm', customer.userId);
        t.closedAt = at;
        break;
      case 'auto_close':
        move('auto_close', null, { reason: 'follow_up_window', days: FOLLOW_UP_DAYS });
        t.closedAt = at;
        break;
    }
  }
  return story;
}
