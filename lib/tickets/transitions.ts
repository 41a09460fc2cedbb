import type { Stage, Status } from '@/db/schema';

export type TicketState = { stage: Stage; status: Status };

export type PipelineAction =
  | 'open'
  | 'identify'
  | 'agent_reply'
  | 'customer_reply'
  | 'note'
  | 'escalate'
  | 'wait_on_customer'
  | 'hold'
  | 'resume'
  | 'resolve'
  | 'resolve_with_problem'
  | 'confirm'
  | 'reopen'
  | 'auto_close'
  | 'close'
  | 'cancel';

export const STATUS_LABELS: Record<Status, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Waiting on customer',
  on_hold: 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** What a customer reads in the portal: who must act next, in plain words. */
export const CUSTOMER_STATUS_LABELS: Record<Status, string> = {
  new: 'Received',
  open: 'We are working on it',
  pending: 'Waiting for your reply',
  on_hold: 'Waiting on a third party',
  resolved: 'Resolved — please confirm',
  closed: 'Closed',
};

export const STAGE_LABELS: Record<Stage, string> = {
  inquiry: 'Inquiry',
  identification: 'Identification',
  resolution: 'Resolution',
  follow_up: 'Follow-up',
};

/** The state each action asks for, used to name it when refused. */
const REQUESTED: Record<PipelineAction, string> = {
  open: 'open (identification)',
  identify: 'identified (resolution)',
  agent_reply: 'replied',
  customer_reply: 'replied',
  note: 'noted',
  escalate: 'escalated',
  wait_on_customer: 'pending',
  hold: 'on hold',
  resume: 'open',
  resolve: 'resolved (follow-up)',
  resolve_with_problem: 'resolved with its problem (follow-up)',
  confirm: 'closed',
  reopen: 'reopened (resolution)',
  auto_close: 'closed',
  close: 'closed',
  cancel: 'cancelled (closed)',
};

/** Statuses of a request someone still has to work on (queues, backlog, "open requests"). */
export const ACTIVE_STATUSES: readonly Status[] = ['new', 'open', 'pending', 'on_hold'];
const ACTIVE = ACTIVE_STATUSES;
/** Every status, in pipeline order (filters, pickers). */
export const ALL_STATUSES: readonly Status[] = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'];
const WORKING_STAGES: readonly Stage[] = ['inquiry', 'identification', 'resolution'];

type Rule = (s: TicketState) => TicketState | null;

const bumpNew = (s: TicketState): Status => (s.status === 'new' ? 'open' : s.status);

/** The whole pipeline in one table (docs/design.md §2). `null` means the action does not fit. */
const RULES: Record<PipelineAction, Rule> = {
  open: (s) =>
    s.stage === 'inquiry' && ACTIVE.includes(s.status) ? { stage: 'identification', status: bumpNew(s) } : null,
  identify: (s) =>
    WORKING_STAGES.includes(s.stage) && ACTIVE.includes(s.status) ? { stage: 'resolution', status: bumpNew(s) } : null,
  agent_reply: (s) => (s.status === 'closed' ? null : { stage: s.stage, status: bumpNew(s) }),
  customer_reply: (s) => {
    if (s.status === 'closed') return null;
    if (s.status === 'resolved') return { stage: 'resolution', status: 'open' };
    return { stage: s.stage, status: s.status === 'pending' ? 'open' : s.status };
  },
  note: (s) => (s.status === 'closed' ? null : s),
  escalate: (s) =>
    WORKING_STAGES.includes(s.stage) && ACTIVE.includes(s.status) ? { stage: s.stage, status: bumpNew(s) } : null,
  wait_on_customer: (s) =>
    s.stage !== 'follow_up' && ['new', 'open', 'on_hold'].includes(s.status)
      ? { stage: s.stage, status: 'pending' }
      : null,
  hold: (s) =>
    s.stage !== 'follow_up' && ['new', 'open', 'pending'].includes(s.status)
      ? { stage: s.stage, status: 'on_hold' }
      : null,
  resume: (s) => (s.status === 'pending' || s.status === 'on_hold' ? { stage: s.stage, status: 'open' } : null),
  resolve: (s) =>
    s.stage === 'resolution' && ['open', 'pending', 'on_hold'].includes(s.status)
      ? { stage: 'follow_up', status: 'resolved' }
      : null,
  // A problem's resolution (lib/problems) resolves each linked request still being worked on,
  // whatever its working stage: the problem record is its identification.
  resolve_with_problem: (s) =>
    WORKING_STAGES.includes(s.stage) && ACTIVE.includes(s.status) ? { stage: 'follow_up', status: 'resolved' } : null,
  confirm: (s) => (s.status === 'resolved' ? { stage: 'follow_up', status: 'closed' } : null),
  reopen: (s) => (s.status === 'resolved' ? { stage: 'resolution', status: 'open' } : null),
  auto_close: (s) => (s.status === 'resolved' ? { stage: 'follow_up', status: 'closed' } : null),
  // An agent closes a resolved request before the follow-up window ends (the customer confirmed
  // by phone or mail, or asked to close); only a resolved one: work in progress is resolved first.
  close: (s) => (s.status === 'resolved' ? { stage: 'follow_up', status: 'closed' } : null),
  // The customer no longer needs it (issue 13): only while it is still being worked on. A resolved
  // request is confirmed or left to close; a closed one is done.
  cancel: (s) => (ACTIVE.includes(s.status) ? { stage: 'follow_up', status: 'closed' } : null),
};

/** Every action the pipeline knows, in table order. */
export const PIPELINE_ACTIONS = Object.keys(RULES) as PipelineAction[];

export type TransitionResult = { ok: true; next: TicketState } | { ok: false; message: string };

export function transition(current: TicketState, action: PipelineAction): TransitionResult {
  const next = RULES[action](current);
  if (next) return { ok: true, next };
  const hint =
    current.status === 'closed'
      ? ' Closed requests are read-only.'
      : action === 'resolve' && current.stage !== 'resolution'
        ? ' Identify the request first.'
        : action === 'close'
          ? ' Only resolved requests can be closed: resolve it first.'
          : '';
  return {
    ok: false,
    message: `Cannot change this request from ${STATUS_LABELS[current.status].toLowerCase()} (${STAGE_LABELS[current.stage].toLowerCase()}) to ${REQUESTED[action]}.${hint}`,
  };
}

export function isOpenStatus(status: Status): boolean {
  return ACTIVE.includes(status);
}

/** Closed requests are read-only: no message, field change, tag or file (a customer writing opens a follow-up). */
export function isReadOnly(state: Pick<TicketState, 'status'>): boolean {
  return state.status === 'closed';
}

/** "What is allowed now": the actions the state machine accepts from this state (pages show only these). */
export function allowedActions(state: TicketState): PipelineAction[] {
  return PIPELINE_ACTIONS.filter((action) => RULES[action](state) !== null);
}

export function can(state: TicketState, action: PipelineAction): boolean {
  return RULES[action](state) !== null;
}
