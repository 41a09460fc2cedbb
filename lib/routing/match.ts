import type { Channel, RuleActions, RuleConditions, RuleTrigger } from '@/db/schema';

/**
 * The pure half of routing rules: which rules match a request, in order, and what each changes.
 * No database: rules.ts loads what this needs (the rules, the customer, the tags) in a few
 * statements, and the admin's "try against a ticket" runs the very same function.
 */

/** The tag a rule's "mark as exception candidate" puts on a request (the identifying agent sees it). */
export const EXCEPTION_CANDIDATE_TAG = 'exception-candidate';

export interface MatchRule {
  id: string;
  name: string;
  runOn: RuleTrigger;
  conditions: RuleConditions;
  actions: RuleActions;
  stopProcessing: boolean;
}

export interface MatchTicket {
  channel: Channel;
  categoryId: string | null;
  priority: number;
  teamId: string | null;
  assigneeId: string | null;
  subject: string;
  description: string;
}

export interface MatchCustomer {
  email: string | null;
  organizationId: string | null;
}

export type ChangeKind = 'team' | 'category' | 'priority' | 'tag' | 'assign' | 'exception_candidate';

/** One thing a rule does to a request: `to` is an id, a priority ("1"), or a tag. */
export interface PlannedChange {
  rule: { id: string; name: string };
  kind: ChangeKind;
  from: string | null;
  to: string | null;
}

export interface RuleEvaluation {
  rule: { id: string; name: string };
  matched: boolean;
  /** What the rule changes; an action that finds the request already so is left out. */
  changes: PlannedChange[];
  /** It matched and stops the rules after it. */
  stops: boolean;
}

export interface MatchOutcome {
  evaluations: RuleEvaluation[];
  /** The fields to write (only those that differ from the request). */
  patch: { teamId?: string; categoryId?: string; priority?: number; assigneeId?: string };
  /** Tags to add (not on the request yet). */
  tags: string[];
  changes: PlannedChange[];
}

/** Does the rule run for this trigger? */
export const runsOn = (rule: Pick<MatchRule, 'runOn'>, trigger: 'created' | 'updated'): boolean =>
  rule.runOn === 'both' || rule.runOn === trigger;

const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whole words (or phrases) of `words` in `text`, case-insensitively: "refund" matches "Refund!"
 * and "(refund)" but not "refunded"; "café" matches "CAFÉ" whether composed or not (NFC), and a
 * word ends only where letters, marks, digits and underscores end (Unicode-aware).
 */
export function containsWord(text: string, words: readonly string[]): boolean {
  const haystack = text.normalize('NFC');
  return words.some((word) => {
    const w = word.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (!w) return false;
    const pattern = escape(w).replace(/ /g, '\\s+');
    return new RegExp(`(?<!${WORD_CHAR})${pattern}(?!${WORD_CHAR})`, 'iu').test(haystack);
  });
}

/** The e-mail's domain is one of `domains` or below one ("mail.acme.com" is under "acme.com"). */
export function domainMatches(email: string | null, domains: readonly string[]): boolean {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return domains.some((d) => {
    const want = d.toLowerCase().replace(/^@/, '');
    return domain === want || domain.endsWith(`.${want}`);
  });
}

/** Every condition given holds (an empty list or a missing one is no condition). */
export function conditionsHold(
  c: RuleConditions,
  ticket: MatchTicket,
  customer: MatchCustomer,
  extraText = '',
): boolean {
  if (c.channels?.length && !c.channels.includes(ticket.channel)) return false;
  if (c.categoryIds?.length && (!ticket.categoryId || !c.categoryIds.includes(ticket.categoryId))) return false;
  if (c.priorities?.length && !c.priorities.includes(ticket.priority)) return false;
  if (c.organizationIds?.length && (!customer.organizationId || !c.organizationIds.includes(customer.organizationId)))
    return false;
  if (c.emailDomains?.length && !domainMatches(customer.email, c.emailDomains)) return false;
  if (c.words?.length) {
    const text = [ticket.subject, ticket.description, extraText].filter(Boolean).join('\n');
    if (!containsWord(text, c.words)) return false;
  }
  return true;
}

/**
 * Evaluates `rules` in the order given (the caller sorts by position) against the request as the
 * earlier rules left it, so "billing words → category Billing" followed by "category Billing →
 * team Billing" composes. One pass: a rule's change never starts the rules again. A matching rule
 * with "stop" ends the pass. Rules not for `trigger` are skipped (not listed).
 * `extraText` is matched by word conditions too (a customer's reply that triggered the update).
 */
export function matchRules(
  ticket: MatchTicket,
  customer: MatchCustomer,
  rules: readonly MatchRule[],
  options: { trigger: 'created' | 'updated'; tags?: readonly string[]; extraText?: string },
): MatchOutcome {
  const current: MatchTicket = { ...ticket };
  const tags = new Set(options.tags ?? []);
  const evaluations: RuleEvaluation[] = [];
  const patch: MatchOutcome['patch'] = {};
  const added: string[] = [];
  for (const rule of rules) {
    if (!runsOn(rule, options.trigger)) continue;
    const ref = { id: rule.id, name: rule.name };
    if (!conditionsHold(rule.conditions, current, customer, options.extraText)) {
      evaluations.push({ rule: ref, matched: false, changes: [], stops: false });
      continue;
    }
    const changes: PlannedChange[] = [];
    const a = rule.actions;
    const field = (kind: ChangeKind, key: 'teamId' | 'categoryId' | 'assigneeId', to: string | undefined) => {
      if (!to || current[key] === to) return;
      changes.push({ rule: ref, kind, from: current[key], to });
      current[key] = to;
      patch[key] = to;
    };
    field('category', 'categoryId', a.categoryId);
    if (a.priority !== undefined && a.priority !== current.priority) {
      changes.push({ rule: ref, kind: 'priority', from: String(current.priority), to: String(a.priority) });
      current.priority = a.priority;
      patch.priority = a.priority;
    }
    field('team', 'teamId', a.teamId);
    field('assign', 'assigneeId', a.assigneeId);
    for (const tag of a.tags ?? []) {
      if (tags.has(tag)) continue;
      tags.add(tag);
      added.push(tag);
      changes.push({ rule: ref, kind: 'tag', from: null, to: tag });
    }
    if (a.exceptionCandidate && !tags.has(EXCEPTION_CANDIDATE_TAG)) {
      tags.add(EXCEPTION_CANDIDATE_TAG);
      added.push(EXCEPTION_CANDIDATE_TAG);
      changes.push({ rule: ref, kind: 'exception_candidate', from: null, to: EXCEPTION_CANDIDATE_TAG });
    }
    evaluations.push({ rule: ref, matched: true, changes, stops: rule.stopProcessing });
    if (rule.stopProcessing) break;
  }
  // A field set by one rule and set back by a later one is no change at all.
  for (const key of Object.keys(patch) as (keyof typeof patch)[]) if (patch[key] === ticket[key]) delete patch[key];
  return { evaluations, patch, tags: added, changes: evaluations.flatMap((e) => e.changes) };
}
