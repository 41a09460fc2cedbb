import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, surveys, ticketColumns, tickets, type Ticket } from '@/db/schema';
import { enqueue } from '@/lib/jobs/enqueue';
import { surveyMail } from '@/lib/mail/templates/survey';
import { mailCustomer } from '@/lib/mail/ticket-mail';
import { getSettings, type Settings } from '@/lib/settings/settings';
import { appendEvents } from '@/lib/tickets/store';
import { SURVEY_LINK_DAYS, surveyLinkPath } from './survey-link';

export type SurveyRules = Settings['survey'];
/** When the survey rules send the survey: at resolution, or once the request is closed. */
export type SurveyMoment = SurveyRules['sendAfter'];

/** A `surveys.send` job: the request, and the moment (its resolution or closure) it was queued for. */
export interface SurveySendData {
  ticketId: string;
  after: SurveyMoment;
  /** The resolution's time (ISO): a request reopened and resolved again since has a job of its own. */
  at: string;
}

/** Why a survey was not sent; the first two are recorded on the request (`survey_skipped`). */
export type SkipReason =
  | 'recently_surveyed'
  | 'no_address'
  | 'answered'
  | 'already_sent'
  | 'survey_off'
  | 'rule_changed'
  | 'not_resolved'
  | 'not_found';

export type SendOutcome = { sent: true; linkPath: string } | { sent: false; reason: SkipReason };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The customer's newest survey (on another request) sent within the last `days`, or null. */
export async function lastSurveyWithin(
  tx: Db,
  ticket: Pick<Ticket, 'id' | 'customerId'>,
  days: number,
  now: Date,
): Promise<Date | null> {
  if (days <= 0) return null;
  const [row] = await tx
    .select({ sentAt: surveys.sentAt })
    .from(surveys)
    .innerJoin(tickets, eq(tickets.id, surveys.ticketId))
    .where(
      and(
        eq(tickets.customerId, ticket.customerId),
        ne(surveys.ticketId, ticket.id),
        gt(surveys.sentAt, new Date(now.getTime() - days * DAY_MS)),
      ),
    )
    .orderBy(desc(surveys.sentAt))
    .limit(1);
  return row?.sentAt ?? null;
}

/**
 * The rules a survey must pass to go out, in one place (the resolution e-mail asks them too, to
 * say honestly whether a survey will follow): the customer has an address, has not answered this
 * request's survey already (an answer is never wiped), and was not surveyed within the cap window.
 */
async function refusal(
  tx: Db,
  ticket: Pick<Ticket, 'id' | 'customerId'>,
  rules: SurveyRules,
  now: Date,
): Promise<{ reason: SkipReason; lastSentAt?: Date } | null> {
  const [customer] = await tx
    .select({ email: customers.email })
    .from(customers)
    .where(eq(customers.id, ticket.customerId));
  if (!customer?.email) return { reason: 'no_address' };
  const [existing] = await tx
    .select({ answeredAt: surveys.answeredAt })
    .from(surveys)
    .where(eq(surveys.ticketId, ticket.id));
  if (existing?.answeredAt) return { reason: 'answered' };
  const lastSentAt = await lastSurveyWithin(tx, ticket, rules.perCustomerDays, now);
  return lastSentAt ? { reason: 'recently_surveyed', lastSentAt } : null;
}

/**
 * Sends the survey of a locked, resolved (or closed) request: creates its row — or, unanswered
 * after a reopen, sends it again with the same token, so links already mailed keep working — and
 * appends `survey_sent`; `mail: 'survey'` also queues the survey mail, `'resolution'` leaves the
 * link to the resolution mail. A skip for the cap or a missing address is recorded as
 * `survey_skipped` with its reason.
 */
export async function sendSurveyLocked(
  tx: Db,
  ticket: Ticket,
  rules: SurveyRules,
  options: { now: Date; actorUserId: string | null; mail: 'survey' | 'resolution' },
): Promise<SendOutcome> {
  const { now, actorUserId } = options;
  const refused = await refusal(tx, ticket, rules, now);
  if (refused) {
    if (refused.reason === 'recently_surveyed' || refused.reason === 'no_address')
      await appendEvents(tx, ticket, actorUserId, [
        {
          type: 'survey_skipped',
          to: refused.reason,
          data: {
            reason: refused.reason,
            ...(refused.lastSentAt
              ? { days: rules.perCustomerDays, lastSentAt: refused.lastSentAt.toISOString() }
              : {}),
          },
        },
      ]);
    return { sent: false, reason: refused.reason };
  }
  const [row] = await tx
    .insert(surveys)
    .values({ ticketId: ticket.id, token: randomBytes(24).toString('base64url'), sentAt: now })
    .onConflictDoUpdate({
      target: surveys.ticketId,
      set: { sentAt: now, reminderSentAt: null, confirmed: null, fixed: null },
      setWhere: isNull(surveys.answeredAt),
    })
    .returning({ token: surveys.token });
  if (!row) return { sent: false, reason: 'answered' };
  const linkPath = surveyLinkPath(row.token, now);
  await appendEvents(tx, ticket, actorUserId, [{ type: 'survey_sent', data: { via: options.mail } }]);
  if (options.mail === 'survey')
    await mailCustomer(tx, ticket, 'survey', (base) =>
      surveyMail({ ...base, linkPath, reminder: false, linkDays: SURVEY_LINK_DAYS, askFixed: rules.askFixed }),
    );
  return { sent: true, linkPath };
}

/** What the resolution e-mail can honestly say about the survey. */
export type ResolutionSurvey = { kind: 'link'; linkPath: string } | { kind: 'later'; hours: number } | { kind: 'none' };

/**
 * At resolution (`resolveLocked`, on the locked, just-resolved request): with the rules "after
 * resolution, no delay" the survey is sent at once and its link rides in the resolution e-mail
 * (one mail, not two); with a delay a `surveys.send` job is queued for then (it checks the rules
 * again). After closure: nothing here (see `surveyAtClosure`).
 */
export async function surveyAtResolution(
  tx: Db,
  ticket: Ticket,
  options: { now: Date; actorUserId: string | null },
): Promise<ResolutionSurvey> {
  const rules = (await getSettings(tx)).survey;
  if (!rules.enabled || rules.sendAfter !== 'resolved') return { kind: 'none' };
  if (rules.delayHours === 0) {
    const outcome = await sendSurveyLocked(tx, ticket, rules, { ...options, mail: 'resolution' });
    return outcome.sent ? { kind: 'link', linkPath: outcome.linkPath } : { kind: 'none' };
  }
  const data: SurveySendData = { ticketId: ticket.id, after: 'resolved', at: options.now.toISOString() };
  await enqueue(tx, 'surveys.send', data, {
    startAfter: new Date(options.now.getTime() + rules.delayHours * HOUR_MS),
  });
  return (await refusal(tx, ticket, rules, options.now))
    ? { kind: 'none' }
    : { kind: 'later', hours: rules.delayHours };
}

/**
 * Every way a request closes (the customer's confirmation, an agent's close, bulk close, the
 * follow-up window) calls this in its transaction: with the rule "after closure", a
 * `surveys.send` job per request, after the delay.
 */
export async function surveyAtClosure(tx: Db, closed: readonly Pick<Ticket, 'id'>[], now = new Date()): Promise<void> {
  if (closed.length === 0) return;
  const rules = (await getSettings(tx)).survey;
  if (!rules.enabled || rules.sendAfter !== 'closed') return;
  const startAfter = new Date(now.getTime() + rules.delayHours * HOUR_MS);
  for (const ticket of closed) {
    const data: SurveySendData = { ticketId: ticket.id, after: 'closed', at: now.toISOString() };
    await enqueue(tx, 'surveys.send', data, rules.delayHours > 0 ? { startAfter } : {});
  }
}

/**
 * The `surveys.send` job: the rules and the request are checked again when it runs (the survey may
 * have been turned off or the rule changed, the request reopened or resolved again since — that
 * resolution has its own job), then `sendSurveyLocked` mails the survey.
 */
export async function sendSurveyJob(db: Db, data: SurveySendData, now = new Date()): Promise<SendOutcome> {
  return db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const rules = (await getSettings(tx)).survey;
    if (!rules.enabled) return { sent: false, reason: 'survey_off' } as const;
    if (rules.sendAfter !== data.after) return { sent: false, reason: 'rule_changed' } as const;
    const [ticket] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, data.ticketId)).for('update');
    if (!ticket) return { sent: false, reason: 'not_found' } as const;
    const stillDue =
      data.after === 'resolved'
        ? (ticket.status === 'resolved' || ticket.status === 'closed') &&
          ticket.resolvedAt?.toISOString() === new Date(data.at).toISOString()
        : ticket.status === 'closed';
    if (!stillDue) return { sent: false, reason: 'not_resolved' } as const;
    // A retried job whose first run committed: the survey already went out for this moment.
    const [existing] = await tx
      .select({ sentAt: surveys.sentAt, answeredAt: surveys.answeredAt })
      .from(surveys)
      .where(eq(surveys.ticketId, ticket.id));
    if (existing && !existing.answeredAt && existing.sentAt >= new Date(data.at))
      return { sent: false, reason: 'already_sent' } as const;
    return sendSurveyLocked(tx, ticket, rules, { now, actorUserId: null, mail: 'survey' });
  });
}
