import { ACCOUNTS } from './issues/accounts';
import { BILLING } from './issues/billing';
import { RETURNS } from './issues/returns';
import { TECHNICAL } from './issues/technical';

/**
 * What the demo's customers and agents say. Each issue carries its own thread (question →
 * answer, update, resolution), so a conversation reads like real support mail. Plain text
 * with `{placeholders}` filled per ticket (see `fill`).
 */
export type TeamName = 'Technical' | 'Billing' | 'Returns' | 'Accounts';

export interface IssueScript {
  subject: string;
  description: string;
  /** What the agent asks, and what the customer answers. */
  question: string;
  answer: string;
  /** A progress update while the request waits on someone else. */
  update: string;
  resolution: string;
  summary: string;
  /** An internal note. */
  note: string;
  /** The detailed account when this issue is raised as an exception. */
  exception: string;
}

export interface CategoryScript {
  name: string;
  description: string;
  team: TeamName;
  /** Relative share of all requests. */
  weight: number;
  issues: readonly IssueScript[];
}

export const CATEGORY_SCRIPTS: readonly CategoryScript[] = [...TECHNICAL, ...BILLING, ...RETURNS, ...ACCOUNTS];

/** A second question, once the issue's own question has been asked. */
export const SECOND_QUESTION =
  'Thanks, that helps. One more thing, so we can keep you posted: is this still the best address to reach you on?';
export const SECOND_ANSWER = 'Yes, this address is fine.';

/** The customer checks in while the request waits. */
export const CHASERS = [
  'Thanks for the update. Is there any news?',
  'Just checking in: is there anything else you need from me?',
];

export const NO_ANSWER =
  'We have not heard back from you, so I am marking this request as resolved. If you still need help, just reply and it will reopen.';
export const NO_ANSWER_SUMMARY = 'No reply from the customer after our question; resolved after a reminder.';

/** Short lines a customer adds when a fix did not hold: this reopens the request. */
export const REOPEN_LINES = [
  'Sorry, this is still happening. I tried again just now and got the same result.',
  'Unfortunately this has not fixed it. Could you take another look?',
  'I spoke too soon: it worked once and now it is back to how it was.',
];
export const SECOND_FIX =
  'Sorry this came back. We found a second cause and have fixed that too; please tell us if you see it again.';

export const SURVEY_COMMENTS: Record<number, readonly string[]> = {
  5: [
    'Quick and friendly, thank you!',
    'Sorted in one go. Great service.',
    'Really helpful, explained everything clearly.',
  ],
  4: ['Good, though it took a day longer than I hoped.', 'Helpful agent, fixed in the end.'],
  3: ['It was fixed, but I had to explain it twice.', 'OK. Took a while.'],
  2: ['Too slow, and I had to chase.', 'Fixed eventually but nobody kept me updated.'],
  1: ['Very frustrating. Three contacts for one problem.', 'Still not happy with how this was handled.'],
};

export const OVERRIDE_REASONS = {
  raise: [
    'Customer travels tomorrow and needs this fixed before then.',
    'Key business account with a contractual response time.',
  ],
  lower: ['Part of a known incident already being handled; lowering to avoid duplicate work.'],
};

export const PRODUCTS = [
  'Aurora desk lamp',
  'Trailhead backpack',
  'Nimbus kettle',
  'Harbour rain jacket',
  'Pebble speaker',
  'Orbit standing desk',
  'Fern linen duvet',
  'Summit walking boots',
];
export const CARRIERS = ['Parcelwise', 'SwiftPost', 'Northline Couriers'];
export const BROWSERS = ['Chrome on Windows', 'Safari on a Mac', 'Firefox', 'Edge', 'Safari on iPhone'];
export const DEVICES = ['an iPhone 13', 'a Pixel 7', 'a Samsung Galaxy S22', 'an iPad'];

/** Replaces `{name}` with `vars.name`; unknown names stay as they are. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
