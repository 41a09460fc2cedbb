import type { Channel } from '@/db/schema';
import type { Severity } from '@/lib/priority/priority';
import type { People } from './people';
import type { TimedStep } from './story';
import type { Draft } from './tickets';

interface Script {
  hoursAgo: number;
  customer: number;
  channel: Channel;
  category: string;
  issue: number;
  worker: string;
  severity?: Severity;
  plan: TimedStep[];
  subject?: string;
  description?: string;
}

/**
 * Hand-written tickets a newcomer can try things on. Casey Customer (customer@demo.test) has one
 * in every state: new, open with a reply, pending, an exception on hold, resolved awaiting
 * confirmation (survey unanswered), and closed with a rating. Plus one ticket whose body looks
 * like HTML, to show that ticket text is always escaped.
 */
const SCRIPTS: readonly Script[] = [
  {
    hoursAgo: 2.6,
    customer: 0,
    channel: 'web',
    category: 'Delivery problem',
    issue: 0,
    worker: 'tomas.rivera@demo.test',
    plan: [],
  },
  {
    hoursAgo: 49.7,
    customer: 0,
    channel: 'email',
    category: 'Invoice question',
    issue: 0,
    worker: 'agent@demo.test',
    plan: [
      { kind: 'open', after: 35 },
      { kind: 'identify', after: 4 },
      { kind: 'reply', tone: 'question', after: 6 },
      { kind: 'wait', after: 1 },
      { kind: 'customer', after: 300 },
      { kind: 'reply', tone: 'update', after: 45 },
    ],
  },
  {
    hoursAgo: 25.4,
    customer: 0,
    channel: 'chat',
    category: 'Login & access',
    issue: 1,
    worker: 'agent@demo.test',
    plan: [
      { kind: 'open', after: 2 },
      { kind: 'identify', after: 3 },
      { kind: 'reply', tone: 'question', after: 4 },
      { kind: 'wait', after: 1 },
    ],
  },
  {
    hoursAgo: 143.2,
    customer: 0,
    channel: 'phone',
    category: 'Delivery problem',
    issue: 3,
    worker: 'tomas.rivera@demo.test',
    severity: 2,
    plan: [
      { kind: 'open', after: 3 },
      { kind: 'identify', after: 2 },
      { kind: 'exception', after: 20 },
      { kind: 'reply', tone: 'update', after: 10 },
      { kind: 'note', after: 15 },
      { kind: 'hold', after: 2 },
    ],
  },
  {
    hoursAgo: 39.8,
    customer: 0,
    channel: 'web',
    category: 'Refund',
    issue: 1,
    worker: 'agent2@demo.test',
    plan: [
      { kind: 'open', after: 90 },
      { kind: 'identify', after: 5 },
      { kind: 'reply', tone: 'question', after: 10 },
      { kind: 'wait', after: 1 },
      { kind: 'customer', after: 240 },
      { kind: 'reply', tone: 'resolution', after: 120 },
      { kind: 'resolve', after: 3 },
    ],
  },
  {
    hoursAgo: 575.5,
    customer: 0,
    channel: 'email',
    category: 'Bug report',
    issue: 1,
    worker: 'priya.patel@demo.test',
    plan: [
      { kind: 'open', after: 60 },
      { kind: 'identify', after: 5 },
      { kind: 'note', after: 20 },
      { kind: 'reply', tone: 'question', after: 10 },
      { kind: 'wait', after: 1 },
      { kind: 'customer', after: 180 },
      { kind: 'reply', tone: 'update', after: 60 },
      { kind: 'reply', tone: 'resolution', after: 1440 },
      { kind: 'resolve', after: 2 },
      { kind: 'answer', csat: 5, after: 600 },
    ],
  },
  {
    hoursAgo: 4.7,
    customer: 8,
    channel: 'web',
    category: 'Bug report',
    issue: 0,
    worker: 'jonas.berg@demo.test',
    subject: 'Gift message shows raw <b> tags',
    description:
      'When I type <b>bold</b> & <script>alert(1)</script> into the gift message box, the order confirmation shows it exactly like that instead of formatting it. Is that expected? I only wanted the name in bold.',
    plan: [
      { kind: 'open', after: 30 },
      { kind: 'identify', after: 3 },
      { kind: 'note', after: 5 },
    ],
  },
];

export function draftScriptedTickets(people: People, now: Date): Draft[] {
  return SCRIPTS.map((s) => {
    const category = people.seedCategories.find((c) => c.script.name === s.category);
    const customer = people.seedCustomers[s.customer];
    const worker = people.staffByEmail.get(s.worker);
    const issue = category?.script.issues[s.issue];
    if (!category || !customer || !worker || !issue)
      throw new Error(`seed script for ${s.category} refers to missing data`);
    return {
      createdAt: new Date(now.getTime() - Math.round(s.hoursAgo * 60) * 60_000),
      channel: s.channel,
      customer,
      category,
      categoryKnown: s.channel === 'web',
      issue,
      subject: s.subject,
      description: s.description,
      severity: s.severity ?? 3,
      impact: 'single',
      worker,
      plan: s.plan,
      mustFinish: true,
    };
  });
}
