/**
 * What the customer reads about where their request stands (issue 13): the step of the pipeline
 * it is at, what happens next, and when they can expect an answer. Pure: the request page
 * (components/portal/request-progress.tsx), the acknowledgement mail and the progress mail all
 * take their words from here, so they never say different things.
 */
import type { Stage, Status } from '@/db/schema';
import { isOpenStatus } from '@/lib/tickets/transitions';

/** The steps as the customer reads them, in order. A closed request has done them all. */
export const PROGRESS_STEPS = [
  { key: 'received', label: 'Received' },
  { key: 'looking', label: 'Being looked at' },
  { key: 'fixing', label: 'Being fixed' },
  { key: 'confirming', label: 'Waiting for your confirmation' },
] as const;

export type ProgressStepKey = (typeof PROGRESS_STEPS)[number]['key'];

export interface ProgressPosition {
  /** Index into PROGRESS_STEPS of the current step; PROGRESS_STEPS.length once closed (all done). */
  current: number;
  done: boolean;
  /** "What happens next", one or two plain sentences. */
  next: string;
}

/**
 * The pipeline step of a request from its stage and status: inquiry → received, identification →
 * being looked at, resolution → being fixed, follow-up (resolved) → waiting for your
 * confirmation, closed → done. The status colours what happens next (pending: we wait for you;
 * on hold: we wait on a third party).
 */
export function progressPosition(t: { stage: Stage; status: Status }): ProgressPosition {
  if (t.status === 'closed')
    return {
      current: PROGRESS_STEPS.length,
      done: true,
      next: 'Nothing more to do: this request is closed. If the problem comes back, write to us and we will open a follow-up request.',
    };
  if (t.status === 'resolved' || t.stage === 'follow_up')
    return {
      current: 3,
      done: false,
      next: 'We believe it is fixed. Please check, then confirm the fix, or tell us it is still not working and we will pick it up again.',
    };
  const current = t.stage === 'inquiry' ? 0 : t.stage === 'identification' ? 1 : 2;
  if (t.status === 'pending')
    return {
      current,
      done: false,
      next: 'We are waiting for your reply to our last message. Reply and we will carry on at once.',
    };
  if (t.status === 'on_hold')
    return {
      current,
      done: false,
      next: 'We are waiting on someone else (a supplier or another team). We will tell you as soon as it moves.',
    };
  const next = [
    'An agent will read your request and answer you.',
    'An agent is working out what is wrong and who should fix it. We will write to you if we need anything.',
    'We are working on a fix. We will write to you when it is fixed, or if we need anything from you.',
  ][current]!;
  return { current, done: false, next };
}

export interface SlaFacts {
  status: Status;
  firstResponseAt: Date | string | null;
  firstResponseDueAt: Date | string | null;
  resolutionDueAt: Date | string | null;
}

/**
 * When the customer can expect something, from the SLA targets: a first answer until there is
 * one, then the fix. Nothing while the clock is paused (pending: we wait for them), on hold (we
 * wait on a third party and cannot promise a time) or once resolved; no time that has passed
 * ("late" instead, which says sorry rather than naming a past time).
 */
export type Expectation =
  | { kind: 'none' }
  | { kind: 'first_answer' | 'resolution'; at: Date }
  | { kind: 'first_answer_late' | 'resolution_late' };

export function expectation(t: SlaFacts, now: Date = new Date()): Expectation {
  if (!isOpenStatus(t.status) || t.status === 'pending' || t.status === 'on_hold') return { kind: 'none' };
  const answered = t.firstResponseAt !== null;
  const due = answered ? t.resolutionDueAt : t.firstResponseDueAt;
  if (!due) return { kind: 'none' };
  const at = new Date(due);
  if (at.getTime() <= now.getTime()) return { kind: answered ? 'resolution_late' : 'first_answer_late' };
  return { kind: answered ? 'resolution' : 'first_answer', at };
}

/**
 * The sentence for an expectation, cut around its time so the page can show the time in the
 * viewer's zone (`<LocalTime>`) and a mail in UTC: `before` + time + `after`. Null: say nothing.
 */
export function expectationWords(e: Expectation): { before: string; at: Date | null; after: string } | null {
  switch (e.kind) {
    case 'none':
      return null;
    case 'first_answer':
      return { before: 'You can expect a first answer by ', at: e.at, after: '.' };
    case 'resolution':
      return { before: 'We aim to have it fixed by ', at: e.at, after: '.' };
    case 'first_answer_late':
      return {
        before:
          'Our first answer is taking longer than we aimed for. Sorry for the wait: we will answer as soon as we can.',
        at: null,
        after: '',
      };
    case 'resolution_late':
      return {
        before: 'The fix is taking longer than we aimed for. We will keep you posted.',
        at: null,
        after: '',
      };
  }
}

const MAIL_TIME = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** A time in a mail: "Tue, 1 Dec 2026, 14:00 UTC" (we do not know the reader's zone). */
export const mailTime = (d: Date): string => `${MAIL_TIME.format(d)} UTC`;

/** The expectation as one sentence of mail text, or null. */
export function expectationSentence(e: Expectation): string | null {
  const words = expectationWords(e);
  return words ? `${words.before}${words.at ? mailTime(words.at) : ''}${words.after}` : null;
}

/** What a request page shows of its progress: plain data (dates as Dates), for any page, guest or signed in. */
export interface RequestOutlook {
  position: ProgressPosition;
  expectation: Expectation;
  /** Exceptions only: the customer-worded status history, newest first (at most 10). */
  updates: { at: Date; text: string }[] | null;
  cern: string | null;
}

/** What each status means to the customer of an exception, for its list of updates and its progress mail. */
export const PROGRESS_STATUS_TEXT: Record<Status, string> = {
  new: 'We received your request.',
  open: 'We are working on it.',
  pending: 'We are waiting for your reply.',
  on_hold: 'We are waiting on a third party (a supplier or another team).',
  resolved: 'We have fixed it and are waiting for your confirmation.',
  closed: 'Your request is closed.',
};
