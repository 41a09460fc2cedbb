import type { RuleActions, RuleConditions, RuleTrigger } from '@/db/schema';
import { EXCEPTION_CANDIDATE_TAG } from './match';

/** How the admin screen words a rule (names looked up in `names`; an unknown id reads "(deleted)"). */
export const TRIGGER_LABELS: Record<RuleTrigger, string> = {
  created: 'On creation',
  updated: 'On update',
  both: 'On creation and update',
};

const CHANNEL_LABELS: Record<string, string> = {
  web: 'Web',
  email: 'E-mail',
  phone: 'Phone',
  chat: 'Chat',
  social: 'Social',
  api: 'API',
};

export function describeConditions(c: RuleConditions, names: Record<string, string>): string[] {
  const name = (id: string) => names[id] ?? '(deleted)';
  const lines: string[] = [];
  if (c.channels?.length) lines.push(`Channel is ${c.channels.map((ch) => CHANNEL_LABELS[ch] ?? ch).join(' or ')}`);
  if (c.categoryIds?.length) lines.push(`Category is ${c.categoryIds.map(name).join(' or ')}`);
  if (c.words?.length) lines.push(`Subject or text has ${c.words.map((w) => `“${w}”`).join(' or ')}`);
  if (c.organizationIds?.length) lines.push(`Organization is ${c.organizationIds.map(name).join(' or ')}`);
  if (c.emailDomains?.length) lines.push(`E-mail domain is ${c.emailDomains.join(' or ')}`);
  if (c.priorities?.length) lines.push(`Priority is ${c.priorities.map((p) => `P${p}`).join(' or ')}`);
  return lines.length ? lines : ['Every request'];
}

export function describeActions(a: RuleActions, names: Record<string, string>): string[] {
  const name = (id: string) => names[id] ?? '(deleted)';
  const lines: string[] = [];
  if (a.categoryId) lines.push(`Set category ${name(a.categoryId)}`);
  if (a.priority) lines.push(`Set priority P${a.priority}`);
  if (a.teamId) lines.push(`Set team ${name(a.teamId)}`);
  if (a.assigneeId) lines.push(`Assign to ${name(a.assigneeId)}`);
  if (a.tags?.length) lines.push(`Add tag${a.tags.length > 1 ? 's' : ''} ${a.tags.join(', ')}`);
  if (a.exceptionCandidate) lines.push(`Mark as exception candidate (tag ${EXCEPTION_CANDIDATE_TAG})`);
  return lines;
}
