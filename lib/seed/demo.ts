import { seedRollups } from './rollup';
import { seedApiTokens } from './api';
import { seedImport } from './import';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable, type PgInsertValue } from 'drizzle-orm/pg-core';
import { hashPassword } from '@/lib/auth/password';
import { formatCern } from '@/lib/cern/format';
import { rowsOf, type Db } from '@/db/client';
import * as schema from '@/db/schema';
import { seedOutbox } from './jobs';
import { seedAccounts } from './accounts';
import { seedDeflections } from './deflect';
import { seedFollowUps } from './follow-up';
import { seedOrg } from './org';
import { seedNotifications } from './notify';
import { seedHelp } from './help';
import { seedInbound } from './inbound';
import { seedGuest } from './guest';
import { refreshStageSpans } from '@/lib/metrics/refresh-stage-spans';
import { buildPeople } from './people';
import { seedPeopleAdmin } from './people-admin';
import { seedSurveyRules } from './survey';
import { seedProgress } from './progress';
import { seedAssignment } from './assignment';
import { seedBreach } from './breach';
import { seedRoutingRules } from './rules';
import { seedSla } from './sla';
import { seedProblems } from './problems';
import { seedQa } from './qa';
import { seedWebhooks } from './webhooks';
import { Random } from './random';
import { draftScriptedTickets } from './scripted';
import { tellStory, type Story } from './story';
import { draftRandomTickets, ticketVars } from './tickets';

export const DEMO_PASSWORD = 'cairn-demo';
export const DEFAULT_TICKETS = 800;
const FIRST_NUMBER = 1001;
const CHUNK = 500;
// Fixed seeds: the same `now` gives the same demo, run after run.
const PEOPLE_SEED = 0xca1_2001;
const TICKET_SEED = 0xca1_2002;

export interface SeedSummary {
  users: number;
  teams: number;
  categories: number;
  customers: number;
  tickets: number;
  messages: number;
  events: number;
  exceptions: number;
  surveysAnswered: number;
}

/** The current time truncated to the hour: the default reference point for every seeded date. */
export const seedNow = (date = new Date()): Date => new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);

/**
 * Empties the database and fills it with a deterministic, lived-in demo: staff and teams,
 * ~60 customers and ~800 tickets over the last 12 weeks, each with the messages, events,
 * survey and CERN its story implies. All dates are relative to `now`. One transaction,
 * multi-row inserts, so it takes seconds on PostgreSQL and PGlite alike.
 */
export async function seedDemo(db: Db, options: { now?: Date; tickets?: number } = {}): Promise<SeedSummary> {
  const now = options.now ?? seedNow();
  const total = options.tickets ?? DEFAULT_TICKETS;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = buildPeople(new Random(PEOPLE_SEED), passwordHash, now);

  const rng = new Random(TICKET_SEED);
  const scripted = draftScriptedTickets(people, now);
  const drafts = [...scripted, ...draftRandomTickets(rng, people, now, Math.max(0, total - scripted.length))];
  drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const stories = drafts.map((draft, i) =>
    tellStory(rng, { ...draft, number: FIRST_NUMBER + i }, now, ticketVars(rng, draft.createdAt)),
  );
  const counters = numberExceptions(stories);

  const messages = stories.flatMap((s) => s.messages);
  const surveys = stories.flatMap((s) => (s.survey ? [s.survey] : []));
  // Ids of the bigserial follow time, as they would have in a live system.
  const events = stories
    .flatMap((s) => s.events)
    .sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());

  let surveyEvents = 0;
  let progressEvents = 0;
  let followUpEvents = 0;
  let breach = { events: 0, messages: 0 };
  await db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await emptyDatabase(tx);
    await insertAll(tx, schema.organizations, people.organizations);
    await insertAll(tx, schema.customers, people.customers);
    await insertAll(tx, schema.users, people.users);
    await seedAccounts(tx);
    await insertAll(tx, schema.teams, people.teams);
    await insertAll(tx, schema.teamMembers, people.teamMembers);
    await insertAll(tx, schema.categories, people.categories);
    await insertAll(
      tx,
      schema.tickets,
      stories.map((s) => s.ticket),
    );
    await insertAll(tx, schema.messages, messages);
    await insertAll(tx, schema.ticketEvents, events);
    await insertAll(tx, schema.surveys, surveys);
    await insertAll(tx, schema.cernCounters, counters);
    await seedOrg(tx, people, now);
    await seedNotifications(tx, now);
    // Numbers were given in creation order; the next real request continues after them.
    await tx.execute(sql`select setval('ticket_number_seq', ${FIRST_NUMBER + stories.length}, false)`);
    await seedOutbox(tx, now);
    await seedPeopleAdmin(tx, people, now);
    await seedHelp(tx, people, now);
    await seedDeflections(tx, now);
    surveyEvents = (await seedSurveyRules(tx, now)).events;
    followUpEvents = (await seedFollowUps(tx, now)).events;
    progressEvents = await seedProgress(tx, now);
    await seedSla(tx, now); // before seedBreach: its watch job judges the policies' due times
    await seedAssignment(tx, now);
    breach = await seedBreach(tx, now);
    await seedRoutingRules(tx, now); // before seedInbound: the demo e-mail is routed by a rule
    progressEvents += (await seedProblems(tx, now)).events;
    await seedQa(tx, now);
    await seedApiTokens(tx, now);
  });

  // After the bulk insert: it goes through the real e-mail-in use case (lib/mail/inbound).
  const byEmail = await seedInbound(db, now);
  const guests = await seedGuest(db, now);
  await seedWebhooks(db, now); // after the use-case seeds: their events are not in the demo's delivery log
  const imported = await seedImport(db, now); // issue 15: a finished import from the old helpdesk
  // The cycle-time figures show at once, without waiting for the job's first minute.
  await refreshStageSpans(db);
  await seedRollups(db, now); // last: over every row above (lib/seed/rollup.ts)

  return {
    users: people.users.length,
    teams: people.teams.length,
    categories: people.categories.length,
    customers: people.customers.length + byEmail.customers + imported.customers,
    tickets: stories.length + byEmail.tickets + guests.tickets + imported.tickets,
    messages: messages.length + byEmail.messages + guests.messages + breach.messages + imported.messages,
    events:
      events.length +
      surveyEvents +
      progressEvents +
      followUpEvents +
      byEmail.events +
      guests.events +
      breach.events +
      imported.events,
    exceptions: stories.filter((s) => s.ticket.cern).length,
    surveysAnswered: surveys.filter((s) => s.answeredAt).length,
  };
}

/** CERNs in order of raising, gap-free per year (as nextCern would have given them); returns the counters. */
function numberExceptions(stories: Story[]): (typeof schema.cernCounters.$inferInsert)[] {
  const raised = stories
    .filter((s) => s.ticket.exceptionRaisedAt)
    .sort(
      (a, b) =>
        (a.ticket.exceptionRaisedAt as Date).getTime() - (b.ticket.exceptionRaisedAt as Date).getTime() ||
        a.ticket.number - b.ticket.number,
    );
  const last = new Map<number, number>();
  for (const story of raised) {
    const year = (story.ticket.exceptionRaisedAt as Date).getUTCFullYear();
    const sequence = (last.get(year) ?? 0) + 1;
    last.set(year, sequence);
    story.ticket.cern = formatCern(year, sequence);
    if (story.exceptionEvent) story.exceptionEvent.toValue = story.ticket.cern;
  }
  return [...last].map(([year, lastValue]) => ({ year, lastValue }));
}

/** Truncates every table of db/schema.ts that exists, so the seed can run again and again. */
async function emptyDatabase(tx: Db): Promise<void> {
  const declared = Object.values(schema).flatMap((value) => (is(value, PgTable) ? [getTableName(value)] : []));
  const present = new Set(
    rowsOf<{ tablename: string }>(
      await tx.execute(sql`select tablename from pg_tables where schemaname = current_schema()`),
    ).map((r) => r.tablename),
  );
  const tables = declared.filter((name) => present.has(name));
  if (tables.length > 0)
    await tx.execute(sql.raw(`truncate table ${tables.map((t) => `"${t}"`).join(', ')} restart identity cascade`));
  await tx.execute(sql`select setval('ticket_number_seq', ${FIRST_NUMBER}, false)`);
}

async function insertAll<T extends PgTable>(tx: Db, table: T, rows: PgInsertValue<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(table).values(rows.slice(i, i + CHUNK));
}
