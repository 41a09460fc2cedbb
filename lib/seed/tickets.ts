import type { Channel, Impact } from '@/db/schema';
import { priorityFor, type Priority, type Severity } from '@/lib/priority/priority';
import type { People, SeedCustomer } from './people';
import type { Random } from './random';
import { FOLLOW_UP_DAYS, type Step, type TicketSpec, type TimedStep } from './story';
import { BROWSERS, CARRIERS, DEVICES, OVERRIDE_REASONS, PRODUCTS } from './templates';

const MINUTE = 60_000;
const DAY_MIN = 1440;
export const WINDOW_DAYS = 84;

export type Draft = Omit<TicketSpec, 'number'>;

/** Tickets per hour of day (UTC): office hours are busy, nights quiet. */
const HOUR_WEIGHT = [
  0.1, 0.08, 0.06, 0.06, 0.08, 0.15, 0.3, 0.55, 0.9, 1, 1, 0.95, 0.85, 0.95, 1, 0.95, 0.85, 0.7, 0.55, 0.45, 0.4, 0.3,
  0.2, 0.15,
];
const LIVE: readonly Channel[] = ['phone', 'chat', 'social'];
const SPEED: Record<Priority, number> = { 1: 0.25, 2: 0.45, 3: 1, 4: 1.6 };

const isOfficeHours = (at: Date) => at.getUTCDay() % 6 !== 0 && at.getUTCHours() >= 8 && at.getUTCHours() < 19;

function sampleCreatedAt(rng: Random, now: Date): Date {
  for (;;) {
    const ageMinutes = rng.between(20, WINDOW_DAYS * DAY_MIN);
    const at = new Date(now.getTime() - Math.round(ageMinutes) * MINUTE);
    const weekend = at.getUTCDay() % 6 === 0 ? 0.45 : 1;
    // Slightly busier lately: the demo business is growing.
    const growth = 0.75 + 0.25 * (1 - ageMinutes / (WINDOW_DAYS * DAY_MIN));
    if (rng.next() < (HOUR_WEIGHT[at.getUTCHours()] ?? 0.5) * weekend * growth) return at;
  }
}

function pickChannel(rng: Random, at: Date, preferred: Channel | null): Channel {
  const live = isOfficeHours(at);
  if (preferred && (live || !LIVE.includes(preferred)) && rng.chance(0.45)) return preferred;
  return rng.weighted<Channel>([
    ['email', 33],
    ['web', 30],
    ['phone', live ? 15 : 0],
    ['chat', live ? 12 : 0],
    ['social', 6],
    ['api', 4],
  ]);
}

/** Placeholder values for one ticket's texts. */
export function ticketVars(rng: Random, at: Date): Record<string, string> {
  return {
    order: `ORD-${rng.int(10_000, 99_999)}`,
    invoice: `INV-${at.getUTCFullYear()}-${rng.int(1000, 9999)}`,
    amount: `£${rng.int(12, 480)}.${String(rng.int(0, 99)).padStart(2, '0')}`,
    product: rng.pick(PRODUCTS),
    carrier: rng.pick(CARRIERS),
    browser: rng.pick(BROWSERS),
    device: rng.pick(DEVICES),
    bug: String(rng.int(1000, 4999)),
  };
}

/** A realistic life for a ticket, from pickup to close; `tellStory` cuts it off at `now`. */
export function randomPlan(rng: Random, priority: Priority, channel: Channel, exception: boolean): TimedStep[] {
  const f = SPEED[priority];
  const live = channel === 'phone' || channel === 'chat';
  const plan: TimedStep[] = [];
  const add = (after: number, step: Step) => plan.push({ ...step, after });
  // Customers with an urgent problem answer sooner, too.
  const customerGap = () =>
    (rng.chance(0.15) ? rng.skewed(3 * DAY_MIN) : rng.skewed(6 * 60)) * (priority <= 2 ? 0.5 : 1);
  const question = () => {
    add(rng.skewed(25 * f), { kind: 'reply', tone: 'question' });
    add(rng.between(0.2, 2), { kind: 'wait' });
  };

  const pickup = live ? rng.int(1, 6) : priority > 1 && rng.chance(0.1) ? rng.skewed(12 * 60) : rng.skewed(90 * f);
  add(pickup, { kind: 'open', byRule: !live && rng.chance(0.08) });
  // Some requests cannot be classified until the customer answers a question.
  if (!live && rng.chance(0.3)) {
    question();
    add(customerGap(), { kind: 'customer' });
    add(rng.skewed(3 * 60 * f), { kind: 'identify' });
  } else add(rng.chance(0.2) ? rng.skewed(2 * 60 * f) : rng.int(1, 12), { kind: 'identify' });
  if (exception) add(rng.int(5, 90), { kind: 'exception' });
  if (rng.chance(0.3)) add(rng.int(5, 120), { kind: 'note' });

  const pattern = rng.weighted([
    ['one_touch', live ? 60 : 35],
    ['question', 35],
    ['update', 20],
    ['long', 10],
    ['ghost', 4],
    ['stuck', 8],
  ] as const);
  if (pattern === 'one_touch') {
    add(live ? rng.int(2, 15) : rng.skewed(60 * f), { kind: 'reply', tone: 'resolution' });
  } else if (pattern === 'ghost') {
    question();
    add(rng.between(5, 8) * DAY_MIN, { kind: 'reply', tone: 'no_answer' });
  } else {
    if (pattern === 'update') {
      add(rng.skewed(30 * f), { kind: 'reply', tone: 'update' });
      if (rng.chance(0.5)) {
        add(rng.int(1, 5), { kind: 'hold' });
        add(rng.chance(0.15) ? rng.skewed(15 * DAY_MIN) : rng.skewed(2 * DAY_MIN), { kind: 'resume' });
      }
    } else if (pattern === 'stuck') {
      // Waiting weeks on a supplier or another department: the backlog's long tail.
      add(rng.skewed(60 * f), { kind: 'reply', tone: 'update' });
      add(rng.int(1, 5), { kind: 'hold' });
      add(rng.skewed(25 * DAY_MIN), { kind: 'resume' });
    } else {
      question();
      add(customerGap(), { kind: 'customer' });
      if (rng.chance(0.25)) add(rng.int(5, 90), { kind: 'note' });
      if (pattern === 'long') {
        add(rng.skewed(120 * f), { kind: 'reply', tone: 'update' });
        add(customerGap(), { kind: 'customer' });
      }
    }
    add(rng.skewed(4 * 60 * f), { kind: 'reply', tone: 'resolution' });
  }
  add(rng.int(1, 5), { kind: 'resolve' });

  if (rng.chance(0.09)) {
    add(rng.skewed(20 * 60), { kind: 'reopen' });
    add(rng.skewed(240 * f), { kind: 'reply', tone: 'resolution' });
    add(rng.int(1, 5), { kind: 'resolve' });
  }
  const followUp = rng.weighted([
    ['answer', 62],
    ['confirm', 10],
    ['auto_close', 28],
  ] as const);
  if (followUp === 'answer') add(Math.min(rng.skewed(18 * 60), 6.5 * DAY_MIN), { kind: 'answer' });
  else if (followUp === 'confirm') add(rng.skewed(8 * 60), { kind: 'confirm' });
  else add(FOLLOW_UP_DAYS * DAY_MIN + rng.int(5, 90), { kind: 'auto_close' });
  return plan;
}

/**
 * `count` tickets over the last 12 weeks, for every customer but the demo login (whose
 * tickets are scripted). A few regulars get one ticket each by phone, e-mail and web.
 */
export function draftRandomTickets(rng: Random, people: People, now: Date, count: number): Draft[] {
  const customers = people.seedCustomers.slice(1);
  const weights = customers.map((c) => [c, rng.skewed(1, 0.9)] as const);
  const skeletons = Array.from({ length: count }, () => {
    const createdAt = sampleCreatedAt(rng, now);
    const customer: SeedCustomer = rng.weighted(weights);
    return { createdAt, customer, channel: pickChannel(rng, createdAt, customer.preferredChannel) };
  });
  // Cross-channel history: regulars who phoned, wrote and used the portal.
  const claimed = new Set<number>();
  for (const regular of customers.slice(0, 6)) {
    for (const channel of ['phone', 'email', 'web'] as const) {
      const candidates = skeletons
        .map((s, i) => i)
        .filter((i) => !claimed.has(i) && isOfficeHours(skeletons[i]?.createdAt ?? now));
      if (candidates.length === 0) break;
      const i = rng.pick(candidates);
      claimed.add(i);
      Object.assign(skeletons[i] ?? {}, { customer: regular, channel });
    }
  }

  return skeletons.map(({ createdAt, customer, channel }) => {
    const category = rng.weighted(people.seedCategories.map((c) => [c, c.script.weight] as const));
    const issue = rng.pick(category.script.issues);
    const severity = rng.weighted<Severity>([
      [1, 5],
      [2, 18],
      [3, 50],
      [4, 27],
    ]);
    const impact = rng.weighted<Impact>([
      ['single', 72],
      ['several', 20],
      ['many', 8],
    ]);
    const matrix = priorityFor(severity, impact);
    let override: Draft['override'];
    if (rng.chance(0.04)) {
      const lower = matrix === 1 || (matrix < 4 && rng.chance(0.3));
      override = {
        priority: (lower ? matrix + 1 : matrix - 1) as Priority,
        reason: rng.pick(lower ? OVERRIDE_REASONS.lower : OVERRIDE_REASONS.raise),
      };
    }
    const exception = rng.chance({ 1: 0.55, 2: 0.3, 3: 0.09, 4: 0.03 }[severity]);
    const team = people.membersByTeam.get(category.teamId) ?? [];
    return {
      createdAt,
      channel,
      customer,
      category,
      categoryKnown: (channel === 'web' && rng.chance(0.7)) || (channel === 'api' && rng.chance(0.5)),
      issue,
      severity,
      impact,
      override,
      worker: rng.pick(team),
      plan: randomPlan(rng, override?.priority ?? matrix, channel, exception),
      // P1 requests reach the on-call agent at any hour.
      officeHours: (override?.priority ?? matrix) > 1,
    };
  });
}
