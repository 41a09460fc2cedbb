import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openDb, type Db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import {
  getDashboard,
  getDashboardOptions,
  getLeadCycleTimes,
  getLeadDashboard,
  getLeadExceptionFigures,
  getRollupDashboard,
} from '@/lib/metrics/dashboard';
import { getFollowUpMetrics } from '@/lib/metrics/follow-up';
import { getLeadHelpFigures } from '@/lib/metrics/help';
import { getLeadSurveyResponse } from '@/lib/metrics/survey-response';
import { listRecurringIssues } from '@/lib/problems/recurring';
import { drillDown, type DrillFigure } from '@/lib/metrics/drill-down';
import { backlogPointHref } from '@/lib/metrics/backlog-series';
import type { BacklogBucketKey } from '@/lib/metrics/definitions';
import type { DashboardFilters } from '@/lib/metrics/filters';
import { lastWholeDays } from '@/lib/metrics/period';
import { refreshRollups } from '@/lib/metrics/rollup';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import type { Result } from '@/lib/core/result';
import { getTicketForStaff } from '@/lib/tickets/get-ticket';
import { countQueues, listQueue, QUEUE_VIEWS, type QueueView } from '@/lib/tickets/queue';
import { countView, listView, viewFiltersSchema } from '@/lib/tickets/views';
import { openCapture, type Shape } from '@/bench/capture';
import { actorFor, DEEP_PAGE, loadDashboardFixtures, loadFixtures } from '@/bench/fixtures';
import { header, line, timePair, type Row } from '@/bench/measure';
import { loadBulkChange, loadSearch } from '@/bench/optional';
import { readResults, writeResults } from '@/bench/results-file';

/**
 * `npm run bench [-- --only search] [-- --explain]`: times what the pages call (queues, the ticket
 * page, search with and without filters, views and their counts, writes, the dashboard), through lib/
 * exactly as the app does, on the PostgreSQL database in DATABASE_URL (fill one with
 * `npm run seed:bulk`): 20 warm-up runs, then 200 measured, per operation. Beside each, the same
 * statements (recorded from the service itself) replayed raw through the `postgres` driver, in
 * the same rounds, so the app's own overhead shows as app/raw. A full run writes
 * bench/results.json so runs can be compared; `--only <text>` runs the operations whose name
 * contains it; `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of every statement instead of timing.
 * It writes requests, replies and bulk changes (as the demo customer and agent): use a bench database.
 * `BENCH_WARMUP` and `BENCH_RUNS` (default 20 and 200) shorten a run, e.g. a check on the demo data.
 */
const { values: flags } = parseArgs({ options: { only: { type: 'string' }, explain: { type: 'boolean' } } });
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('npm run bench needs PostgreSQL: set DATABASE_URL (e.g. to a database filled by npm run seed:bulk).');
  process.exit(1);
}

// The code may have moved on since the database was seeded: bring its schema up to date first.
const migrator = openDb({ url, max: 1 });
await runMigrations(migrator);
await migrator.close();

const handle = openDb({ url, max: 4 });
const db = handle.db;
// What the rollup job does every minute: the days changed since (a first run after the migration builds them all).
const refreshed = await refreshRollups(db);
console.log(
  `rollups refreshed: ${refreshed.full ? 'full build' : `${refreshed.days} days`}, ${refreshed.rows.toLocaleString('en')} rows`,
);
const capture = openCapture(url);

/** A use case's failure is a bench failure, not a fast run. */
async function expectOk<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
}

interface Operation {
  name: string;
  /** How the service sends its statements: the raw replay does the same. */
  shape: Shape;
  run: (db: Db, i: number) => Promise<unknown>;
  /** Fewer rounds for a slow extra that the issue's list does not ask for. */
  rounds?: { warmup: number; runs: number };
}

const fx = await loadFixtures(db);
const { agent, customer } = fx;
const search = await loadSearch();
const bulk = await loadBulkChange();
const now = new Date();
const dash = await loadDashboardFixtures(db);
const lead = await actorFor(db, 'lead@demo.test');

const operations: Operation[] = [
  ...(Object.keys(QUEUE_VIEWS) as QueueView[]).map((view): Operation => ({
    name: `queue_${view}_first_page`,
    shape: 'sequential',
    run: (d) => listQueue(d, agent, { view }),
  })),
  { name: 'queue_counts', shape: 'sequential', run: (d) => countQueues(d, agent) },
  ...(fx.deepCursor
    ? [
        {
          name: `queue_open_page_${DEEP_PAGE}`,
          shape: 'sequential',
          run: (d: Db) => listQueue(d, agent, { view: 'open', after: fx.deepCursor ?? undefined }),
        } satisfies Operation,
      ]
    : []),
  { name: 'ticket_page_50_messages', shape: 'sequential', run: (d) => getTicketForStaff(d, agent, fx.longThread) },
  ...(search
    ? Object.entries({
        common_word: fx.search.commonWord,
        rare_word: fx.search.rareWord,
        misspelled_name: fx.search.misspelledName,
        ticket_number: fx.search.ticketNumber,
        cern: fx.search.cern,
      })
        .filter((entry): entry is [string, string] => entry[1] !== null)
        .map(([kind, q]): Operation => ({
          name: `search_${kind}`,
          shape: 'transaction',
          run: (d) => search(d, agent, { q }),
        }))
    : []),
  // Views (lib/tickets/views.ts): every sort has its own index; a rare combination is read
  // through the filter indexes instead of walking a sort index past everything that does not match.
  ...Object.entries({
    all_by_due: { sort: 'due' },
    all_by_updated: { sort: 'updated' },
    on_hold_exceptions: { status: 'on_hold', exception: 'yes' },
    inquiry_by_phone_oldest: { stage: 'inquiry', channel: 'phone', sort: 'age' },
    ...(fx.team ? { team_open_by_due: { teamId: fx.team.id, status: ['open', 'pending'], sort: 'due' } } : {}),
  }).map(([kind, raw]): Operation => {
    const filters = viewFiltersSchema.parse(raw);
    return { name: `view_${kind}`, shape: 'sequential', run: (d) => listView(d, agent, filters) };
  }),
  {
    name: 'view_count_closed',
    shape: 'sequential',
    run: (d) => countView(d, agent, viewFiltersSchema.parse({ status: 'closed' })),
  },
  // Filtered search: status and team sit beside the words in the GIN index (lib/search/search-sql.ts).
  ...(search
    ? [
        {
          name: 'search_word_status',
          shape: 'transaction',
          run: (d: Db) => search(d, agent, { q: fx.search.commonWord, status: 'pending' }),
        } satisfies Operation,
        {
          name: 'search_word_closed',
          shape: 'transaction',
          run: (d: Db) => search(d, agent, { q: 'delivery late', status: 'closed' }),
        } satisfies Operation,
        ...(fx.team
          ? [
              {
                name: 'search_word_team',
                shape: 'transaction',
                run: (d: Db) => search(d, agent, { q: 'invoice', teamId: fx.team!.id }),
              } satisfies Operation,
            ]
          : []),
        {
          name: 'search_misspelt_word',
          shape: 'transaction',
          run: (d: Db) => search(d, agent, { q: 'refnud' }),
        } satisfies Operation,
      ]
    : []),
  {
    name: 'create_ticket',
    shape: 'transaction',
    run: (d, i) =>
      expectOk(submitRequest(d, customer, { subject: `Bench request ${i}`, description: 'Created by npm run bench.' })),
  },
  {
    name: 'reply',
    shape: 'transaction',
    run: (d, i) =>
      expectOk(replyToTicket(d, agent, { number: fx.replyTarget, body: `Bench reply ${i}`, visibility: 'public' })),
  },
  // Alternates P2/P3 so every run changes all 100; an even number of runs leaves them as they were.
  ...(fx.bulkNumbers.length > 0
    ? [
        {
          name: bulk.label,
          shape: 'transaction',
          run: (d: Db, i: number) => bulk.run(d, agent, fx.bulkNumbers, i % 2 === 0 ? 2 : 3),
        } satisfies Operation,
      ]
    : []),
  // The dashboard as the page reads it: the daily rollups (lib/metrics/rollup-read.ts), any filters.
  ...Object.entries({
    dashboard_30_days: [30, {}],
    dashboard_365_days: [365, {}],
    dashboard_90_days_team: [90, { teamId: dash.teamId }],
    dashboard_365_days_agent: [365, { assigneeId: dash.agentId }],
    dashboard_365_days_team_channel_priority: [365, { teamId: dash.teamId, channel: 'email', priority: 2 }],
    dashboard_30_days_all_filters: [
      30,
      { teamId: dash.teamId, assigneeId: dash.agentId, categoryId: dash.categoryId, channel: 'email', priority: 3 },
    ],
    // Key accounts and the backlog series (rollup helper): an organization filter, with others.
    dashboard_365_days_organization: [365, { organizationId: dash.organizationId }],
    dashboard_30_days_organization_channel: [30, { organizationId: dash.organizationId, channel: 'email' }],
  } satisfies Record<string, [number, DashboardFilters]>).map(([name, [days, filters]]): Operation => ({
    name,
    shape: 'concurrent',
    run: (d) => getRollupDashboard(d, lastWholeDays(days, now), filters, now),
  })),
  // The whole /dashboard page as a lead opens it: its main figures, the filters' choices and every
  // section beside them (exceptions, cycle time per stage, follow-up, help, survey response), all
  // at once as the page's Suspense boundaries ask; and the recurring issues on the problems page.
  ...Object.entries({
    dashboard_page_30_days: [30, {}],
    dashboard_page_365_days: [365, {}],
    dashboard_page_90_days_team_category: [90, { teamId: dash.teamId, categoryId: dash.categoryId }],
    dashboard_page_365_days_all_filters: [
      365,
      { teamId: dash.teamId, assigneeId: dash.agentId, categoryId: dash.categoryId, channel: 'email', priority: 3 },
    ],
    dashboard_page_30_days_organization: [30, { organizationId: dash.organizationId }],
  } satisfies Record<string, [number, DashboardFilters]>).map(([name, [days, filters]]): Operation => {
    const period = lastWholeDays(days, now);
    return {
      name,
      shape: 'concurrent',
      run: (d) =>
        Promise.all([
          getLeadDashboard(d, lead, period, filters),
          getDashboardOptions(d, lead),
          getLeadExceptionFigures(d, lead, period, filters),
          getLeadCycleTimes(d, lead, period, filters),
          getFollowUpMetrics(d, lead, period),
          getLeadHelpFigures(d, lead, period),
          getLeadSurveyResponse(d, lead, period),
        ]),
    };
  }),
  { name: 'dashboard_recurring_issues', shape: 'concurrent', run: (d) => listRecurringIssues(d, lead, { now }) },
  // The same 30 days computed from the raw rows (what the page did before the rollups): fewer runs.
  {
    name: 'dashboard_raw_30_days',
    shape: 'concurrent',
    run: (d) => getDashboard(d, lastWholeDays(30, now), now),
    rounds: { warmup: Math.min(WARMUP, 5), runs: Math.min(RUNS, 50) },
  },
  // Drill-down lists: the views page with the filters behind a figure (lib/metrics/drill-down.ts).
  ...Object.entries({
    created_365_days: ['created', 365, {}],
    resolved_30_days: ['resolved', 30, {}],
    fcr_30_days_agent: ['fcr', 30, { assigneeId: dash.agentId }],
    reopened_365_days_team: ['reopened', 365, { teamId: dash.teamId }],
    responded_30_days_channel: ['responded', 30, { channel: 'phone' }],
    answered_90_days_category: ['answered', 90, { categoryId: dash.categoryId }],
    sla_missed_365_days: ['slaMissed', 365, {}],
    fr_missed_30_days_team_priority: ['frMissed', 30, { teamId: dash.teamId, priority: 1 }],
    backlog_agent: ['backlog', 30, { assigneeId: dash.agentId }],
    created_30_days_organization: ['created', 30, { organizationId: dash.organizationId }],
  } satisfies Record<string, [DrillFigure, number, DashboardFilters]>).map(
    ([name, [figure, days, filters]]): Operation => {
      const view = viewFiltersSchema.parse(drillDown(figure, lastWholeDays(days, now), filters, now));
      return { name: `drill_${name}`, shape: 'sequential', run: (d) => listView(d, agent, view) };
    },
  ),
  // Backlog-by-age points (lib/metrics/backlog-series.ts): the tickets open at a day's end, by age.
  ...Object.entries({
    backlog_point_over_14_days_90_days_ago: [90, 'over14d', {}],
    backlog_point_1_to_3_days_yesterday: [1, 'd1to3', {}],
    backlog_point_total_30_days_ago_team: [30, 'total', { teamId: dash.teamId }],
  } satisfies Record<string, [number, BacklogBucketKey | 'total', DashboardFilters]>).map(
    ([name, [ago, key, filters]]): Operation => {
      const day = new Date(now.getTime() - ago * 86_400_000).toISOString().slice(0, 10);
      const query = Object.fromEntries(new URLSearchParams(backlogPointHref(day, key, filters).split('?')[1]));
      const view = viewFiltersSchema.parse(query);
      return { name: `drill_${name}`, shape: 'sequential', run: (d) => listView(d, agent, view) };
    },
  ),
];
const selected = operations.filter((op) => !flags.only || op.name.includes(flags.only));

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `Cairn bench — ${new URL(url).pathname.slice(1)}: ${fx.tickets.toLocaleString('en')} tickets, ${fx.messages.toLocaleString('en')} messages; ${WARMUP} warm-up + ${RUNS} runs each`,
);
console.log(
  `search: ${search ? `"${fx.search.commonWord}", "${fx.search.rareWord}", "${fx.search.misspelledName}", "${fx.search.ticketNumber}", "${fx.search.cern}"` : 'lib/search/search-tickets.ts not found, skipped'}`,
);
console.log(
  `views and filtered search: team ${fx.team ? `"${fx.team.name}"` : 'none'}; filtered search "${fx.search.commonWord}" + pending, "delivery late" + closed, "invoice" + team, misspelt "refnud"`,
);
console.log(
  `ticket page: #${fx.longThread}; replies to #${fx.replyTarget}; bulk change: ${bulk.label} over ${fx.bulkNumbers.length} requests; load average at start ${load()}\n`,
);

const results: Record<string, Row | number> = {};
if (!flags.explain) console.log(header());
for (const op of selected) {
  const statements = await capture.record((d) => op.run(d, 0));
  if (flags.explain) {
    console.log(`\n===== ${op.name} (${statements.length} statements) =====`);
    for (const plan of await capture.explain(statements)) console.log(`\n${plan}`);
    continue;
  }
  // Raw then app in each round: the bulk change ends on the app's last run, which restores the priorities.
  const { warmup, runs } = op.rounds ?? { warmup: WARMUP, runs: RUNS };
  let row: Row;
  try {
    row = await timePair(
      warmup,
      runs,
      (i) => op.run(db, i),
      () => capture.replay(statements, op.shape),
    );
  } catch (error) {
    // One operation failing (e.g. its raw replay hitting a unique key) is reported, not the end of the run.
    console.log(`${op.name.padEnd(36)} FAILED: ${(error as Error).message.split('\n')[0]}`);
    continue;
  }
  results[op.name] = row;
  console.log(line(op.name, row) + (op.rounds ? ` (${warmup} + ${runs} runs)` : ''));
}

if (!flags.explain && !flags.only) {
  results.tickets = fx.tickets;
  results.messages = fx.messages;
  // npm run bench:http's part (`http`) stays.
  const http = readResults().http;
  writeResults(http === undefined ? results : { ...results, http });
  console.log(`\nload average at end ${load()}; written to bench/results.json`);
} else if (!flags.explain) {
  console.log(`\nload average at end ${load()}; a partial run (--only) leaves bench/results.json as it was`);
}
await Promise.all([handle.close(), capture.close()]);
