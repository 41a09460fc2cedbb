import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { openDb, type Db, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { surveys, tickets, type Status } from '@/db/schema';
import { makeCustomer, makeTeamAndCategory, testDb } from '@/lib/testing/fixtures';
import { getDashboard, type Dashboard } from './dashboard';
import { parsePeriod } from './period';
import { csat, fcr, firstResponseTime, handlingTime, nps, reopenRate, slaCompliance } from './definitions';

/*
 * A hand-made March 1994 (far from any other test's tickets): two teams, two categories, ten
 * tickets and six surveys. Period: Monday 7 March to Monday 21 March 1994 (two UTC weeks).
 * Every expected figure below is worked out by hand from the table in seed().
 */
const period = { from: at('03-07T00:00'), to: at('03-21T00:00') };
const now = at('03-25T00:00');

function at(monthDayTime: string): Date {
  return new Date(`1994-${monthDayTime}:00Z`);
}

interface Ids {
  teamA: string;
  teamB: string;
  categoryA: string;
  categoryB: string;
  ticketIds: string[];
}

type Seed = {
  name: string;
  team: 'A' | 'B';
  category: 'A' | 'B';
  status: Status;
  created: string;
  firstResponse?: string;
  resolved?: string;
  firstResponseDue?: string;
  resolutionDue?: string;
  replies: number;
  reopens?: number;
  survey?: { csat: number; nps: number | null; answered: string };
};

// FRT = first response − created; AHT = resolved − created. SLA judged for tickets created in the period.
const SEEDS: Seed[] = [
  // FRT 1 h, AHT 4 h, FCR, SLA met
  {
    name: 'T1',
    team: 'A',
    category: 'A',
    status: 'closed',
    created: '03-07T09:00',
    firstResponse: '03-07T10:00',
    resolved: '03-07T13:00',
    firstResponseDue: '03-07T11:00',
    resolutionDue: '03-07T17:00',
    replies: 1,
    survey: { csat: 5, nps: 10, answered: '03-08T10:00' },
  },
  // FRT 3 h (late: SLA missed), AHT 12 h, two replies: not FCR
  {
    name: 'T2',
    team: 'A',
    category: 'A',
    status: 'resolved',
    created: '03-08T08:00',
    firstResponse: '03-08T11:00',
    resolved: '03-08T20:00',
    firstResponseDue: '03-08T10:00',
    resolutionDue: '03-09T08:00',
    replies: 2,
    survey: { csat: 3, nps: 7, answered: '03-09T09:00' },
  },
  // FRT 2 h, AHT 32 h, reopened once: not FCR, SLA met (week 2)
  {
    name: 'T3',
    team: 'A',
    category: 'A',
    status: 'closed',
    created: '03-14T10:00',
    firstResponse: '03-14T12:00',
    resolved: '03-15T18:00',
    firstResponseDue: '03-14T18:00',
    resolutionDue: '03-17T10:00',
    replies: 1,
    reopens: 1,
    survey: { csat: 4, nps: 9, answered: '03-16T10:00' },
  },
  // FRT 6 h, still open past its resolution due time: SLA missed, backlog
  {
    name: 'T4',
    team: 'A',
    category: 'A',
    status: 'open',
    created: '03-15T09:00',
    firstResponse: '03-15T15:00',
    firstResponseDue: '03-15T17:00',
    resolutionDue: '03-18T09:00',
    replies: 1,
  },
  // new, nothing due before `now`: SLA pending (left out), backlog
  {
    name: 'T5',
    team: 'A',
    category: 'A',
    status: 'new',
    created: '03-16T09:00',
    firstResponseDue: '03-30T09:00',
    resolutionDue: '04-02T09:00',
    replies: 0,
  },
  // created before the period, resolved in it: AHT 96 h, FCR; its first response is outside the period
  {
    name: 'T6',
    team: 'B',
    category: 'B',
    status: 'closed',
    created: '03-04T00:00',
    firstResponse: '03-04T02:00',
    resolved: '03-08T00:00',
    replies: 1,
    survey: { csat: 1, nps: 0, answered: '03-10T12:00' },
  },
  // FRT 2 h, AHT 24 h, FCR, no SLA targets (untracked); survey without an NPS answer
  {
    name: 'T7',
    team: 'B',
    category: 'B',
    status: 'resolved',
    created: '03-09T12:00',
    firstResponse: '03-09T14:00',
    resolved: '03-10T12:00',
    replies: 1,
    survey: { csat: 2, nps: null, answered: '03-11T00:00' },
  },
  // on hold, never answered, first response due long ago: SLA missed, backlog
  {
    name: 'T8',
    team: 'B',
    category: 'B',
    status: 'on_hold',
    created: '03-10T00:00',
    firstResponseDue: '03-10T08:00',
    replies: 0,
  },
  // created exactly at the period's start (included), open, untracked; team A but category B
  { name: 'T9', team: 'A', category: 'B', status: 'open', created: '03-07T00:00', replies: 0 },
  // outside everything: created before, resolved after, survey answered exactly at the period's end (excluded)
  {
    name: 'T10',
    team: 'A',
    category: 'A',
    status: 'closed',
    created: '02-01T00:00',
    firstResponse: '02-01T01:00',
    resolved: '03-25T00:00',
    replies: 1,
    survey: { csat: 1, nps: 0, answered: '03-21T00:00' },
  },
];

async function seed(db: Db): Promise<Ids> {
  const a = await makeTeamAndCategory(db);
  const b = await makeTeamAndCategory(db);
  const customer = await makeCustomer(db, 'Metrics Customer');
  const teamOf = { A: a.teamId, B: b.teamId };
  const categoryOf = { A: a.categoryId, B: b.categoryId };
  const optional = (value: string | undefined) => (value ? at(value) : null);
  const inserted = await db
    .insert(tickets)
    .values(
      SEEDS.map((s) => ({
        subject: `Metrics ${s.name}`,
        description: 'Hand-made for the dashboard test.',
        channel: 'web' as const,
        customerId: customer.customerId ?? '',
        teamId: teamOf[s.team],
        categoryId: categoryOf[s.category],
        status: s.status,
        createdAt: at(s.created),
        updatedAt: at(s.created),
        firstResponseAt: optional(s.firstResponse),
        resolvedAt: optional(s.resolved),
        firstResponseDueAt: optional(s.firstResponseDue),
        resolutionDueAt: optional(s.resolutionDue),
        publicReplyCount: s.replies,
        reopenCount: s.reopens ?? 0,
      })),
    )
    .returning({ id: tickets.id, subject: tickets.subject });
  const idOf = new Map(inserted.map((t) => [t.subject, t.id]));
  const surveyRows = SEEDS.flatMap((s) =>
    s.survey
      ? [
          {
            ticketId: idOf.get(`Metrics ${s.name}`) ?? '',
            token: `metrics-${crypto.randomUUID()}`,
            csat: s.survey.csat,
            nps: s.survey.nps,
            answeredAt: at(s.survey.answered),
          },
        ]
      : [],
  );
  await db.insert(surveys).values(surveyRows);
  return {
    teamA: a.teamId,
    teamB: b.teamId,
    categoryA: a.categoryId,
    categoryB: b.categoryId,
    ticketIds: inserted.map((t) => t.id),
  };
}

function expectHandWorkedFigures(d: Dashboard, ids: Ids) {
  const { tiles } = d;
  // CSAT [5, 3, 4, 1, 2]: 5 and 4 satisfied → 40 %, mean 15 / 5 = 3. T10's survey is at the end bound.
  expect(tiles.csat).toEqual({ answered: 5, satisfied: 2, satisfiedShare: 0.4, mean: 3 });
  // NPS [10, 7, 9, 0] (T7 gave none): 50 % promoters − 25 % detractors.
  expect(tiles.nps).toEqual({
    answered: 4,
    promoters: 2,
    detractors: 1,
    promoterPercent: 50,
    detractorPercent: 25,
    score: 25,
  });
  // Resolved in period: T1, T2, T3, T6, T7. FCR T1, T6, T7; reopened T3.
  expect(tiles.fcr).toEqual({ total: 5, count: 3, share: 0.6 });
  expect(tiles.reopenRate).toEqual({ total: 5, count: 1, share: 0.2 });
  // AHT (4 + 12 + 32 + 96 + 24) / 5 = 33.6 h.
  expect(tiles.aht.resolved).toBe(5);
  expect(tiles.aht.meanHours).toBeCloseTo(33.6, 9);
  // FRT in period: T1 1, T2 3, T3 2, T4 6, T7 2 → mean 2.8 h, median 2 h.
  expect(tiles.frt.responded).toBe(5);
  expect(tiles.frt.meanHours).toBeCloseTo(2.8, 9);
  expect(tiles.frt.medianHours).toBeCloseTo(2, 9);
  // SLA over T1–T5, T7–T9: met T1, T3; missed T2, T4, T8; T5 pending; T7, T9 untracked.
  expect(tiles.sla).toEqual({ met: 2, missed: 3, share: 0.4 });

  expect(d.weekly).toEqual([
    // created T1, T2, T7, T8, T9; surveys 5, 3, 1, 2 and NPS 10, 7, 0; AHT (4 + 12 + 96 + 24) / 4; FRT (1 + 3 + 2) / 3
    {
      week: '1994-03-07',
      daysInPeriod: 7,
      partial: false,
      tickets: 5,
      csatAnswered: 4,
      csatShare: 0.25,
      csatMean: 2.75,
      nps: 0,
      ahtHours: 34,
      frtHours: 2,
    },
    // created T3, T4, T5; survey 4 / NPS 9; AHT 32; FRT (2 + 6) / 2
    {
      week: '1994-03-14',
      daysInPeriod: 7,
      partial: false,
      tickets: 3,
      csatAnswered: 1,
      csatShare: 1,
      csatMean: 4,
      nps: 100,
      ahtHours: 32,
      frtHours: 4,
    },
  ]);

  const row = (rows: Dashboard['byTeam'], id: string) => rows.find((r) => r.id === id);
  // Team A: created T1–T5, T9; resolved T1–T3 (FCR T1; AHT (4 + 12 + 32) / 3); CSAT 5, 3, 4; open T4, T5, T9.
  expect(row(d.byTeam, ids.teamA)).toMatchObject({
    created: 6,
    resolved: 3,
    csatAnswered: 3,
    csatShare: 2 / 3,
    fcrShare: 1 / 3,
    ahtHours: 16,
    backlog: 3,
  });
  // Team B: created T7, T8; resolved T6, T7 (both FCR; AHT (96 + 24) / 2); CSAT 1, 2; open T8.
  expect(row(d.byTeam, ids.teamB)).toMatchObject({
    created: 2,
    resolved: 2,
    csatAnswered: 2,
    csatShare: 0,
    fcrShare: 1,
    ahtHours: 60,
    backlog: 1,
  });
  // Category A: T1–T5 (T9 is category B).
  expect(row(d.byCategory, ids.categoryA)).toMatchObject({
    created: 5,
    resolved: 3,
    csatAnswered: 3,
    csatShare: 2 / 3,
    fcrShare: 1 / 3,
    ahtHours: 16,
    backlog: 2,
  });
  // Category B: T6–T9.
  expect(row(d.byCategory, ids.categoryB)).toMatchObject({
    created: 3,
    resolved: 2,
    csatAnswered: 2,
    csatShare: 0,
    fcrShare: 1,
    ahtHours: 60,
    backlog: 2,
  });
  expect(row(d.byTeam, ids.teamA)?.name).toMatch(/^Team /);
}

interface Run {
  ids: Ids;
  dashboard: Dashboard;
  rows: (typeof tickets.$inferSelect)[];
  answered: (typeof surveys.$inferSelect)[];
}

/** Seeds, computes the dashboard and reads back the raw rows, all through one handle. */
async function run(db: Db): Promise<Run> {
  const ids = await seed(db);
  const dashboard = await getDashboard(db, period, now);
  const rows = await db.select().from(tickets).where(inArray(tickets.id, ids.ticketIds));
  const answered = await db.select().from(surveys).where(inArray(surveys.ticketId, ids.ticketIds));
  return { ids, dashboard, rows, answered };
}

/** The SQL and the pure definitions must agree on the same tickets. */
function expectSameAsDefinitions({ dashboard: d, rows, answered }: Run) {
  const inPeriod = (t: Date | null) => t !== null && t >= period.from && t < period.to;
  const periodSurveys = answered.filter((s) => inPeriod(s.answeredAt));
  const resolved = rows.filter((t) => inPeriod(t.resolvedAt));
  const hours = (ms: number | null) => (ms === null ? null : ms / 3_600_000);

  expect(d.tiles.csat).toEqual(csat(periodSurveys.flatMap((s) => (s.csat === null ? [] : [s.csat]))));
  expect(d.tiles.nps).toEqual(nps(periodSurveys.flatMap((s) => (s.nps === null ? [] : [s.nps]))));
  expect(d.tiles.fcr).toEqual(fcr(resolved));
  expect(d.tiles.reopenRate).toEqual(reopenRate(resolved));
  expect(d.tiles.aht.meanHours).toBeCloseTo(hours(handlingTime(resolved).meanMs) ?? NaN, 9);
  const frt = firstResponseTime(rows.filter((t) => inPeriod(t.firstResponseAt)));
  expect(d.tiles.frt.meanHours).toBeCloseTo(hours(frt.meanMs) ?? NaN, 9);
  expect(d.tiles.frt.medianHours).toBeCloseTo(hours(frt.medianMs) ?? NaN, 9);
  expect(d.tiles.sla).toEqual(
    slaCompliance(
      rows.filter((t) => inPeriod(t.createdAt)),
      now,
    ),
  );
}

/** Dates PostgreSQL cannot hold never reach it: the page gets a message, not a 500. */
async function expectNoYearZero(db: Db) {
  const period = parsePeriod({ from: '0000-01-01', to: '0000-01-31' }, now);
  expect(period.problem).toContain('between 1970-01-01 and 9999-12-30');
  await expect(getDashboard(db, period, now)).resolves.toBeDefined();
  const end = parsePeriod({ from: '9999-12-01', to: '9999-12-30' }, now);
  expect(end.problem).toBeNull();
  await expect(getDashboard(db, end, now)).resolves.toMatchObject({ tiles: { sla: { share: null } } });
}

class RolledBack extends Error {}

describe('getDashboard on PostgreSQL', () => {
  let handle: DbHandle;
  let result: Run;

  // Inside a transaction that is rolled back: the shared database keeps nothing, so a re-run
  // (or another file's 1994) cannot change these figures.
  beforeAll(async () => {
    handle = testDb();
    await handle.db
      .transaction(async (tx) => {
        result = await run(tx);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('gives the hand-worked figures', () => expectHandWorkedFigures(result.dashboard, result.ids));
  it('agrees with the pure definitions', () => expectSameAsDefinitions(result));
  it('answers year 0000 and 9999 with a message, not a database error', () => expectNoYearZero(handle.db));
  it('counts the global backlog into buckets that add up', () => {
    const { backlog } = result.dashboard.tiles;
    expect(backlog.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(backlog.total);
    expect(backlog.total).toBeGreaterThanOrEqual(4);
  });
});

describe('getDashboard on PGlite', () => {
  let handle: DbHandle;
  let result: Run;

  beforeAll(async () => {
    handle = openDb({ dataDir: 'memory://' });
    await runMigrations(handle);
    result = await run(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('gives the same hand-worked figures', () => expectHandWorkedFigures(result.dashboard, result.ids));
  it('agrees with the pure definitions', () => expectSameAsDefinitions(result));
  it('sorts the open tickets by age at now (the database holds only this test)', () => {
    // T4 (9.6 days) and T5 (8.6 days) are 7–14 days old; T8 (15 days) and T9 (18 days) older.
    expect(result.dashboard.tiles.backlog.total).toBe(4);
    expect(result.dashboard.tiles.backlog.buckets.map((b) => b.count)).toEqual([0, 0, 0, 2, 2]);
  });
  it('has empty tiles and weeks for a period without data', async () => {
    const empty = await getDashboard(
      handle.db,
      { from: new Date('1980-01-07T00:00:00Z'), to: new Date('1980-01-14T00:00:00Z') },
      now,
    );
    expect(empty.tiles.csat.satisfiedShare).toBeNull();
    expect(empty.tiles.nps.score).toBeNull();
    expect(empty.tiles.fcr.share).toBeNull();
    expect(empty.tiles.aht.meanHours).toBeNull();
    expect(empty.tiles.frt).toEqual({ responded: 0, meanHours: null, medianHours: null });
    expect(empty.tiles.sla.share).toBeNull();
    expect(empty.weekly).toEqual([
      {
        week: '1980-01-07',
        daysInPeriod: 7,
        partial: false,
        tickets: 0,
        csatAnswered: 0,
        csatShare: null,
        csatMean: null,
        nps: null,
        ahtHours: null,
        frtHours: null,
      },
    ]);
    expect(empty.byTeam.every((r) => r.created === 0 && r.resolved === 0)).toBe(true);
  });
});
